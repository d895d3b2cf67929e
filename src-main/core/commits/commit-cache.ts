import { randomUUID } from 'node:crypto';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { Core } from '../context.js';
import type { CommitRange, RawCommit } from '../git/log.js';
import { listShas, readCommits, readHistory } from '../git/log.js';
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

const PROGRESS_EVERY = 5000;
const LONG_READ = 5000;

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
  const found = await core.commitCache.find(shas);
  let missing = 0;
  for (let i = 0; i < shas.length; i++) if (found[i] === undefined) missing++;
  let parsed = 0;
  const report = (finished: boolean): void =>
    core.progress({
      job,
      kind: 'history',
      message: finished
        ? `Read ${shas.length} commits (${parsed} new)`
        : `Reading history: ${parsed} of ${missing} new commits`,
      done: parsed,
      total: missing,
      finished,
    });

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
      if (++parsed % PROGRESS_EVERY === 0) report(false);
    };
    // Mostly uncached: one walk of the range beats naming each missing commit.
    if (missing * 2 > shas.length) await readHistory(repo, range, onCommit, { long: missing >= LONG_READ });
    else
      await readCommits(
        repo,
        shas.filter((_, i) => found[i] === undefined),
        onCommit,
      );
    fill.end();
  }
  if (missing >= PROGRESS_EVERY) report(true);
  if (parsed !== missing) throw new Error(`git listed ${missing} commits to read but gave ${parsed}`);

  const commits = found as CommitRecord[];
  return { commits, stats: { total: shas.length, fromCache: shas.length - missing, parsed } };
}
