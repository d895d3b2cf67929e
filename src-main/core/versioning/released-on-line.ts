import type { CommitRecord } from '../../../shared/domain/commits.js';
import { loadHistory } from '../commits/commit-cache.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import type { ChangePairs } from '../commits/same-change.js';
import { sameChanges } from '../commits/same-change.js';
import { cherryPickedFrom } from '../git/patch-id.js';

/** A range split into the changes it brings and those a release line has shipped already. */
export interface LineSplit {
  commits: CommitRecord[];
  /** Commits left out: their change shipped on the line as a cherry-picked copy. */
  released: CommitRecord[];
}

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end === -1 ? message : message.slice(0, end)).trim();
}

/** Whether a trailer's (possibly abbreviated) SHA names one of `shas`. */
function namesOneOf(short: string, shas: Set<string>): boolean {
  if (shas.has(short)) return true;
  for (const sha of shas) if (sha.startsWith(short)) return true;
  return false;
}

/** A git failure over an object the clone lacks (a partial or damaged clone). */
function missingObject(error: unknown): boolean {
  return (
    error instanceof DeskError &&
    error.code === 'git-failed' &&
    /unable to read [0-9a-f]{7,}|missing (?:blob|tree|commit) /.test(error.message)
  );
}

/**
 * `sameChanges`, on a clone that may lack some blobs: where git cannot diff one of the commits,
 * the pairs are compared one by one, and a pair it cannot read stays in the range (its change
 * is not known to have shipped) rather than costing the whole plan.
 */
async function readableSameChanges(core: Core, root: string, twins: ChangePairs): Promise<Set<string>> {
  try {
    return await sameChanges(core, root, twins);
  } catch (error) {
    if (!missingObject(error)) throw error;
  }
  const same = new Set<string>();
  for (const [sha, partners] of twins) {
    try {
      for (const found of await sameChanges(core, root, new Map([[sha, partners]]))) same.add(found);
    } catch (error) {
      if (!missingObject(error)) throw error;
    }
  }
  return same;
}

/**
 * When a range starts at a release tagged on a line cut from the target (`lineTag`), the
 * fixes picked onto that line shipped already: the range leaves out every commit that a line
 * commit names in a `cherry picked from` trailer, that names a line commit in its own, or whose
 * patch-id a line commit of the same subject has (a pick made without `-x`; see `sameChanges`).
 * The line's own commits are read through the commit cache.
 */
export async function leaveOutReleasedOnLine(
  core: Core,
  root: string,
  target: string,
  lineTag: string,
  commits: CommitRecord[],
): Promise<LineSplit> {
  const line = (await loadHistory(core, root, { from: target, to: lineTag })).commits;
  const lineShas = new Set(line.map((commit) => commit.sha));
  const pickedFrom: string[] = [];
  const bySubject = new Map<string, string[]>();
  for (const commit of line) {
    pickedFrom.push(...cherryPickedFrom(commit.message));
    if (commit.parents.length !== 1) continue;
    const subject = firstLine(commit.message);
    const same = bySubject.get(subject);
    if (same) same.push(commit.sha);
    else bySubject.set(subject, [commit.sha]);
  }
  const named = (sha: string): boolean => pickedFrom.some((short) => sha.startsWith(short));
  const names = (commit: CommitRecord): boolean =>
    cherryPickedFrom(commit.message).some((short) => namesOneOf(short, lineShas));

  const released = new Set<string>();
  const twins: ChangePairs = new Map();
  for (const commit of commits) {
    if (commit.parents.length > 1) continue;
    if (named(commit.sha) || names(commit)) released.add(commit.sha);
    else if (commit.parents.length === 1) {
      const same = bySubject.get(firstLine(commit.message));
      if (same) twins.set(commit.sha, same);
    }
  }
  for (const sha of await readableSameChanges(core, root, twins)) released.add(sha);
  return {
    commits: commits.filter((commit) => !released.has(commit.sha)),
    released: commits.filter((commit) => released.has(commit.sha)),
  };
}

/** The one line that says what a range left out. */
export function releasedOnLineWarning(count: number, lineTag: string): string {
  const changes = count === 1 ? 'change' : 'changes';
  return `${count} ${changes} already released in ${lineTag} (picked onto its line) left out.`;
}
