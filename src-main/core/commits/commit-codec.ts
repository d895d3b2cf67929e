import type { CommitRecord, ParsedChange } from '../../../shared/domain/commits.js';
import { parseRecord } from '../git/log.js';
import { intern } from '../intern.js';

// A cached commit is git's own record of it (see commit-cache-store.ts) and its parse, encoded
// here as JSON arrays: positions instead of keys. A change's header and body are mostly copied
// from the message: stored as [start, end] in it they cost a few bytes; short ones are written out.
type MessagePart = string | [start: number, end: number];
export type EncodedChange = [
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
    type: e[0] === null ? null : intern(e[0]),
    scope: e[1] === null ? null : intern(e[1]),
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

/** A commit's parse, as stored beside its record. */
export function encodeChanges(commit: CommitRecord): EncodedChange[] {
  return commit.changes.map((change) => encodeChange(commit.message, change));
}

/** The commit back from git's record of it and its stored parse. */
export function decodeCommit(record: string, changes: EncodedChange[]): CommitRecord {
  const raw = parseRecord(record);
  return {
    sha: raw.sha,
    parents: raw.parents,
    authorName: raw.authorName,
    authorEmail: raw.authorEmail,
    date: raw.date,
    message: raw.message,
    changes: changes.map((change) => decodeChange(raw.message, change)),
  };
}
