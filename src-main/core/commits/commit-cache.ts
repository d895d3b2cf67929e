import { randomUUID } from 'node:crypto';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { Core } from '../context.js';
import type { CommitRange, RawCommit } from '../git/log.js';
import { listShas, readCommits, readHistory } from '../git/log.js';
import type { Db } from '../store/database.js';
import { decodeCommit, encodeCommit } from './commit-codec.js';
import { parseCommitMessage } from './parse-message.js';

/**
 * Version of what `parseCommitMessage` produces. Bump it whenever the parser's output changes:
 * cached rows of another version are parsed again.
 */
export const COMMIT_PARSER_VERSION = 1;

/** How a history read was served: the cache's effect is observable, not just timed. */
export interface HistoryStats {
  total: number;
  fromCache: number;
  parsed: number;
}

export interface History {
  /** Newest first, in git's order. */
  commits: CommitRecord[];
  stats: HistoryStats;
}

const PROGRESS_EVERY = 5000;
const STORE_EVERY = 10_000;
const LONG_READ = 5000;

function parseCommit(raw: RawCommit): CommitRecord {
  const changes = parseCommitMessage(raw.message);
  // A body is mostly a copy of part of the message: a view into the message instead lowers the
  // peak memory of a cold 100k-commit read by ~8 MB.
  for (const change of changes) {
    const at = change.body === null ? -1 : raw.message.indexOf(change.body);
    if (at !== -1) change.body = raw.message.slice(at, at + change.body!.length);
  }
  return { ...raw, changes };
}

/**
 * Positions of `shas` in roughly ascending SHA order, so lookups and inserts walk the index's
 * pages in order (twice as fast on 100k commits). Sorting the strings measured 200 ms; this
 * sorts numbers: each SHA's leading bits with its position packed below them.
 */
function lookupOrder(shas: string[]): number[] {
  const indexBits = Math.max(1, Math.ceil(Math.log2(shas.length + 1)));
  const keys = new Float64Array(shas.length);
  for (let i = 0; i < shas.length; i++) {
    const prefix = Math.floor(parseInt(shas[i]!.slice(0, 13), 16) / 2 ** indexBits);
    keys[i] = prefix * 2 ** indexBits + i;
  }
  keys.sort();
  const mask = 2 ** indexBits;
  return Array.from(keys, (key) => key % mask);
}

// A repository read for the first time has nothing cached: a sample of its range says so, and
// saves the 100k lookups (150 ms) that would each find nothing. A miss here only means parsing
// again what is cached, never a wrong answer.
const SAMPLE_ABOVE = 2000;
const SAMPLE_SIZE = 64;

function nothingCached(db: Db, shas: string[]): boolean {
  if (shas.length < SAMPLE_ABOVE) return false;
  const step = shas.length / SAMPLE_SIZE;
  const sample = Array.from({ length: SAMPLE_SIZE }, (_, i) => shas[Math.floor(i * step)]!);
  const hits = db
    .prepare('SELECT count(*) FROM json_each(?) AS wanted JOIN commits AS c ON c.sha = wanted.value')
    .pluck()
    .get(JSON.stringify(sample)) as number;
  return hits === 0;
}

/** The cached commits among `shas`, at their positions (missing ones undefined), in one query. */
function loadCached(db: Db, shas: string[]): (CommitRecord | undefined)[] {
  const commits = new Array<CommitRecord | undefined>(shas.length);
  if (nothingCached(db, shas)) return commits;
  const order = lookupOrder(shas);
  const wanted = order.map((i) => shas[i]!);
  const rows = db
    .prepare(
      `SELECT c.sha, c.raw, c.changes FROM json_each(?) AS wanted CROSS JOIN commits AS c ON c.sha = wanted.value
       WHERE c.parser = ?`,
    )
    .raw()
    .iterate(JSON.stringify(wanted), COMMIT_PARSER_VERSION) as IterableIterator<[string, string, string]>;
  // Rows come in the order asked (CROSS JOIN keeps json_each outermost), the missing ones left out.
  let k = 0;
  for (const [sha, raw, changes] of rows) {
    while (k < wanted.length && wanted[k] !== sha) k++;
    if (k === wanted.length) throw new Error(`commit cache: ${sha} came back out of order`);
    commits[order[k++]!] = decodeCommit(sha, { raw, changes });
  }
  return commits;
}

/**
 * Writes parsed commits in SHA order (sequential index inserts, faster than random ones on
 * large batches). Called in batches while git is still streaming.
 */
function storeParsed(db: Db, commits: CommitRecord[]): void {
  const insert = db.prepare('INSERT OR REPLACE INTO commits (sha, parser, raw, changes) VALUES (?, ?, ?, ?)');
  const order = lookupOrder(commits.map((c) => c.sha));
  db.transaction(() => {
    for (const i of order) {
      const { raw, changes } = encodeCommit(commits[i]!);
      insert.run(commits[i]!.sha, COMMIT_PARSER_VERSION, raw, changes);
    }
  })();
}

/**
 * The range's commits, parsed. Only commits missing from the cache are read from git and
 * parsed; they are then cached, so reopening a repository costs only its new commits.
 */
export async function loadHistory(
  core: Core,
  repo: string,
  range: CommitRange,
  options: { job?: string } = {},
): Promise<History> {
  const job = options.job ?? `history-${randomUUID()}`;
  const shas = await listShas(repo, range);
  const found = loadCached(core.commitCache.db, shas);
  const positions = new Map<string, number>();
  shas.forEach((sha, i) => found[i] === undefined && positions.set(sha, i));
  const missing = positions.size;
  const parsed: CommitRecord[] = [];
  const report = (finished: boolean): void =>
    core.progress({
      job,
      kind: 'history',
      message: finished
        ? `Read ${shas.length} commits (${parsed.length} new)`
        : `Reading history: ${parsed.length} of ${missing} new commits`,
      done: parsed.length,
      total: missing,
      finished,
    });

  if (missing > 0) {
    let stored = 0;
    const onCommit = (raw: RawCommit): void => {
      const at = positions.get(raw.sha);
      if (at === undefined) return;
      const commit = parseCommit(raw);
      found[at] = commit;
      parsed.push(commit);
      if (parsed.length - stored === STORE_EVERY) {
        storeParsed(core.commitCache.db, parsed.slice(stored));
        stored = parsed.length;
      }
      if (parsed.length % PROGRESS_EVERY === 0) report(false);
    };
    // Mostly uncached: one walk of the range beats naming each missing commit.
    if (missing * 2 > shas.length) await readHistory(repo, range, onCommit, { long: missing >= LONG_READ });
    else await readCommits(repo, [...positions.keys()], onCommit);
    storeParsed(core.commitCache.db, parsed.slice(stored));
  }
  if (missing >= PROGRESS_EVERY) report(true);
  if (parsed.length !== missing)
    throw new Error(`git listed ${missing} commits to read but gave ${parsed.length}`);

  const commits = found as CommitRecord[];
  return { commits, stats: { total: shas.length, fromCache: shas.length - missing, parsed: parsed.length } };
}
