import type { CommitRecord, ParsedChange } from '../../../shared/domain/commits.js';

// A cached commit is one JSON array, positions instead of keys: a third smaller than the
// objects' JSON, and decoding 100k of them measured ~25% faster than reading them as columns.
// A change's header and body are mostly copied from the message: stored as [start, end] in it
// they make rows a quarter smaller (less to write, read and parse); older rows hold them as text.
type MessagePart = string | [start: number, end: number];
type EncodedChange = [
  type: string | null,
  scope: string | null,
  subject: string,
  header: MessagePart,
  body: MessagePart | null,
  breaking: 0 | 1,
  notes: string[],
  references: string[],
  releaseAs: string | null,
  revert: [header: string | null, sha: string | null] | null,
  conventional: 0 | 1,
];
type EncodedCommit = [
  parents: string,
  authorName: string,
  authorEmail: string,
  date: string,
  message: string,
  changes: EncodedChange[],
];

function encodePart(message: string, part: string, from: number): MessagePart {
  // A short part costs no more written out than as a position pair.
  const start = part.length > 8 ? message.indexOf(part, from) : -1;
  return start === -1 ? part : [start, start + part.length];
}

function decodePart(message: string, part: MessagePart): string {
  return typeof part === 'string' ? part : message.slice(part[0], part[1]);
}

function encodeChange(message: string, c: ParsedChange): EncodedChange {
  const header = encodePart(message, c.header, 0);
  return [
    c.type,
    c.scope,
    c.subject,
    header,
    c.body === null ? null : encodePart(message, c.body, typeof header === 'string' ? 0 : header[1]),
    c.breaking ? 1 : 0,
    c.notes.map((note) => note.text),
    c.references,
    c.releaseAs,
    c.revert ? [c.revert.header, c.revert.sha] : null,
    c.conventional ? 1 : 0,
  ];
}

function decodeChange(message: string, e: EncodedChange): ParsedChange {
  return {
    type: e[0],
    scope: e[1],
    subject: e[2],
    header: decodePart(message, e[3]),
    body: e[4] === null ? null : decodePart(message, e[4]),
    breaking: e[5] === 1,
    notes: e[6].map((text) => ({ text })),
    references: e[7],
    releaseAs: e[8],
    revert: e[9] ? { header: e[9][0], sha: e[9][1] } : null,
    conventional: e[10] === 1,
  };
}

/** Everything of a commit but its SHA (the cache's key), as stored. */
export function encodeCommit(c: CommitRecord): string {
  const encoded: EncodedCommit = [
    c.parents.join(' '),
    c.authorName,
    c.authorEmail,
    c.date,
    c.message,
    c.changes.map((change) => encodeChange(c.message, change)),
  ];
  return JSON.stringify(encoded);
}

export function decodeCommit(sha: string, data: string): CommitRecord {
  const [parents, authorName, authorEmail, date, message, changes] = JSON.parse(data) as EncodedCommit;
  return {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    authorName,
    authorEmail,
    date,
    message,
    changes: changes.map((change) => decodeChange(message, change)),
  };
}
