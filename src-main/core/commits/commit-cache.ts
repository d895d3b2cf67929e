import { randomUUID } from 'node:crypto';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { Core } from '../context.js';
import type { CommitLink, CommitRange, RawCommit } from '../git/log.js';
import { listShas, newestLinks, readCommits, readHistory } from '../git/log.js';
import { parseCommitMessage } from './parse-message.js';

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

/** A history read, with the cache batches its cached commits came from (none on a first read). */
type Read = History & { batches: number[] };

const PROGRESS_EVERY = 5000;
const LONG_READ = 5000;
// A whole history whose newest this many commits are not cached is read as never read before.
export const FIRST_READ_PROBE = 64;
// While so read, every this many commits a sample of them is looked up in the cache.
const FIRST_READ_CHECK_EVERY = 1000;
const FIRST_READ_CHECK_SIZE = 8;

function parseCommit(raw: RawCommit): CommitRecord {
  const { message } = raw;
  const changes = parseCommitMessage(message);
  // A body is mostly a copy of part of the message: a view into the message instead lowers the
  // peak memory of a cold 100k-commit read by ~8 MB.
  for (const change of changes) {
    const at = change.body === null ? -1 : message.indexOf(change.body);
    if (at !== -1) change.body = message.slice(at, at + change.body!.length);
  }
  const { sha, parents, authorName, authorEmail, date } = raw;
  return { sha, parents, authorName, authorEmail, date, message, changes };
}

/** Progress of parsing `total` new commits (null: not known yet); `read` counts cached ones too. */
function reporter(core: Core, job: string) {
  return (done: number, total: number | null, read?: number): void =>
    core.progress({
      job,
      kind: 'history',
      message:
        read === undefined
          ? `Reading history: ${done}${total === null ? '' : ` of ${total}`} new commits`
          : `Read ${read} commits (${done} new)`,
      done,
      total,
      finished: read !== undefined,
    });
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
  if (range.from !== null) return readListed(core, repo, range, job, await listShas(repo, range));
  const { links, shallow } = await newestLinks(repo, range.to, FIRST_READ_PROBE);
  const newest = links.map((link) => link.sha);
  if (newest.length < FIRST_READ_PROBE) return readListed(core, repo, range, job, newest);
  const kept = shallow ? null : await keptHistory(core, links);
  if (kept) {
    const history = await readListed(core, repo, range, job, kept.shas, kept.batches);
    // Kept again when it grew or its commits moved (parsed again, or new ones now written).
    const moved = history.batches.join() !== kept.batches.join() || history.stats.parsed > 0;
    if (kept.grown || moved)
      core.commitCache.keepHistory(range.to, history.commits, history.batches, !firstRead(history));
    return history;
  }
  let history: Read | null = null;
  if (!(await core.commitCache.anyCached(newest))) history = await readFirstTime(core, repo, range, job);
  history ??= await readListed(core, repo, range, job, await listShas(repo, range));
  // A first read already writes every parse; its graph is kept by the next read, from the cache.
  if (!shallow) core.commitCache.keepHistory(range.to, history.commits, history.batches, !firstRead(history));
  return history;
}

/**
 * Whether `history` was mostly read from git rather than the cache: a first read, whose time
 * goes to parsing and caching every commit. What is made from it for later reads (a graph, kept
 * changelog sections) is left to the next read, which gets the parses from the cache.
 */
export function firstRead(history: History): boolean {
  return history.stats.parsed * 2 > history.stats.total;
}

/** The tip of `links` and the commits under it while each is its child's only parent. */
export function chainOf(links: CommitLink[]): string[] {
  let chain = 0;
  while (chain + 1 < links.length && links[chain]!.parents.length === 1) chain++;
  return links.slice(0, chain + 1).map((link) => link.sha);
}

/**
 * The whole history of the tip `links` starts with, from a kept one: the tip's own, or that of a
 * commit among its newest with only a chain of single-parent commits above it. git walks such a
 * chain one commit at a time and then goes on exactly as from the commit below it, so the chain
 * and that commit's history are the tip's, in git's order, without a walk of 100k commits.
 */
async function keptHistory(
  core: Core,
  links: CommitLink[],
): Promise<{ shas: string[]; batches: number[]; grown: boolean } | null> {
  const found = await core.commitCache.history(chainOf(links));
  if (!found) return null;
  const above = links.slice(0, found.at).map((link) => link.sha);
  return { shas: [...above, ...found.shas], batches: found.batches, grown: found.at > 0 };
}

/** Thrown out of a first read that met cached commits: they are better read from the cache. */
const CACHED_AFTER_ALL = Symbol('cached after all');

/**
 * A whole history whose newest commits are not cached, most likely never read before: read in
 * one walk straight away, without listing it first (a walk of its own, 100 ms on 100k commits).
 * New commits on top of a history read before look the same, so a sample of every thousand
 * commits read is looked up; meeting cached ones, the read gives up (null) and the caller reads
 * only what is missing.
 */
async function readFirstTime(
  core: Core,
  repo: string,
  range: CommitRange,
  job: string,
): Promise<Read | null> {
  const report = reporter(core, job);
  const commits: CommitRecord[] = [];
  const fill = core.commitCache.fill(LONG_READ);
  try {
    await readHistory(
      repo,
      range,
      (raw, record) => {
        const commit = parseCommit(raw);
        fill.add(commit, record);
        if (commits.push(commit) % FIRST_READ_CHECK_EVERY === 0) {
          const latest = commits.slice(-FIRST_READ_CHECK_EVERY).map((c) => c.sha);
          if (core.commitCache.sampleCached(latest, FIRST_READ_CHECK_SIZE)) throw CACHED_AFTER_ALL;
        }
        if (commits.length % PROGRESS_EVERY === 0) report(commits.length, null);
      },
      { long: true },
    );
  } catch (error) {
    fill.cancel();
    if (error === CACHED_AFTER_ALL) return null;
    throw error;
  }
  fill.end();
  if (commits.length >= PROGRESS_EVERY) report(commits.length, commits.length, commits.length);
  return { commits, stats: { total: commits.length, fromCache: 0, parsed: commits.length }, batches: [] };
}

/** The listed commits (`shas`, the range's in git's order), from the cache or read and parsed. */
export async function readListed(
  core: Core,
  repo: string,
  range: CommitRange,
  job: string,
  shas: string[],
  near: number[] = [],
): Promise<Read> {
  const report = reporter(core, job);
  const { commits: found, batches } = await core.commitCache.findIn(shas, near);
  let missing = 0;
  for (let i = 0; i < shas.length; i++) if (found[i] === undefined) missing++;
  let parsed = 0;

  if (missing > 0) {
    // git gives commits in the order of `shas`, the cached ones left out when read by name:
    // the next missing position is the one expected. Any other order is found by SHA.
    let next = 0;
    let bySha: Map<string, number> | undefined;
    const positionOf = (sha: string): number | undefined => {
      while (found[next] !== undefined) next++;
      if (shas[next] === sha) return next++;
      bySha ??= new Map(shas.map((s, i) => [s, i]));
      return bySha.get(sha);
    };
    const fill = core.commitCache.fill(missing);
    const onCommit = (raw: RawCommit, record: string): void => {
      const at = positionOf(raw.sha);
      if (at === undefined || found[at] !== undefined) return;
      const commit = parseCommit(raw);
      found[at] = commit;
      fill.add(commit, record);
      if (++parsed % PROGRESS_EVERY === 0) report(parsed, missing);
    };
    try {
      // Mostly uncached: one walk of the range beats naming each missing commit.
      if (missing * 2 > shas.length) await readHistory(repo, range, onCommit, { long: missing >= LONG_READ });
      else
        await readCommits(
          repo,
          shas.filter((_, i) => found[i] === undefined),
          onCommit,
        );
    } catch (error) {
      fill.cancel();
      throw error;
    }
    fill.end();
  }
  if (missing >= PROGRESS_EVERY) report(parsed, missing, shas.length);
  if (parsed !== missing) throw new Error(`git listed ${missing} commits to read but gave ${parsed}`);

  const commits = found as CommitRecord[];
  return { commits, stats: { total: shas.length, fromCache: shas.length - missing, parsed }, batches };
}
