import type { CommitRecord, ParsedChange } from '../../../shared/domain/commits.js';

// A cached commit is two strings. `raw` is git's own record of it (the fields, then the message,
// which may hold anything and so comes last): writing it costs nothing, where JSON-escaping 100k
// messages took a quarter of a second. `changes` is the parse as JSON arrays, positions instead of
// keys. A change's header and body are mostly copied from the message: stored as [start, end] in
// it they cost a few bytes; short ones are written out.
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
export interface EncodedCommit {
  raw: string;
  changes: string;
}

const FIELD = '\x1f';

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
export function encodeCommit(c: CommitRecord): EncodedCommit {
  const { parents, date, authorName, authorEmail, message } = c;
  return {
    raw: `${parents.join(' ')}${FIELD}${date}${FIELD}${authorName}${FIELD}${authorEmail}${FIELD}${message}`,
    changes: JSON.stringify(c.changes.map((change) => encodeChange(message, change))),
  };
}

export function decodeCommit(sha: string, { raw, changes }: EncodedCommit): CommitRecord {
  const parentsEnd = raw.indexOf(FIELD);
  const dateEnd = raw.indexOf(FIELD, parentsEnd + 1);
  const nameEnd = raw.indexOf(FIELD, dateEnd + 1);
  const emailEnd = raw.indexOf(FIELD, nameEnd + 1);
  const parents = raw.slice(0, parentsEnd);
  const message = raw.slice(emailEnd + 1);
  return {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    date: raw.slice(parentsEnd + 1, dateEnd),
    authorName: raw.slice(dateEnd + 1, nameEnd),
    authorEmail: raw.slice(nameEnd + 1, emailEnd),
    message,
    changes: (JSON.parse(changes) as EncodedChange[]).map((change) => decodeChange(message, change)),
  };
}
