import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DeskError } from '../errors.js';
import { currentOwner, ownerAlive } from '../intent/owner.js';
import type { Owner } from '../intent/owner.js';
import { checkedOutBranches } from './branches.js';
import { gitTask, runGitTask } from './client.js';
import { git } from './run-git.js';

/**
 * Release Desk's own worktrees live in the repository's git directory, named
 * `<label>.<pid>.<process start>.<random>`, so a killed run's worktree is found again (and its
 * owner known dead) by the next run, instead of lingering in a temp dir holding a branch.
 */
const HOME = 'release-desk-worktrees';

async function worktreesHome(repo: string): Promise<string> {
  const common = (await git(repo, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
  const home = path.join(common, HOME);
  mkdirSync(home, { recursive: true });
  return realpathSync(home);
}

/** A fresh path (not yet created) for a worktree of this process; `label` says what it is for. */
export async function newWorktreeDir(repo: string, label: string): Promise<string> {
  const { pid, start } = currentOwner();
  const name = `${label}.${pid}.${start || 'x'}.${randomBytes(4).toString('hex')}`;
  return path.join(await worktreesHome(repo), name);
}

/** The process that made a Release Desk worktree, or null when `dir` is not one. */
export function worktreeOwner(dir: string): Owner | null {
  if (path.basename(path.dirname(dir)) !== HOME) return null;
  const [, pid, start] = path.basename(dir).split('.');
  if (!pid || !/^\d+$/.test(pid)) return null;
  return { pid: Number(pid), start: start === 'x' ? '' : (start ?? '') };
}

async function removeWorktreeDir(repo: string, dir: string): Promise<void> {
  if (existsSync(dir))
    await runGitTask(repo, ['worktree', 'remove', '--force', '--', dir], { okExitCodes: [128] });
  rmSync(dir, { recursive: true, force: true });
}

async function pruneWorktrees(repo: string): Promise<void> {
  await runGitTask(repo, ['worktree', 'prune'], { okExitCodes: [128] });
}

/** A worktree detached at `sha` (a resolved commit) in `dir`, which must not exist or be empty. */
export async function addDetachedWorktree(repo: string, dir: string, sha: string): Promise<void> {
  await gitTask(repo, ['worktree', 'add', '--detach', '--', dir, sha]);
}

/** Removes the worktree at `dir` and git's record of it. Never throws: it is cleanup. */
export async function removeWorktree(repo: string, dir: string): Promise<void> {
  await removeWorktreeDir(repo, dir).catch(() => rmSync(dir, { recursive: true, force: true }));
  await pruneWorktrees(repo).catch(() => undefined);
}

/**
 * Removes the worktrees a killed Release Desk run left behind (its own, never the user's) and
 * prunes git's records of them. Returns the paths removed.
 */
export async function sweepStaleWorktrees(repo: string): Promise<string[]> {
  const home = await worktreesHome(repo);
  const stale = readdirSync(home)
    .map((name) => path.join(home, name))
    .filter((dir) => {
      const owner = worktreeOwner(dir);
      return owner !== null && !ownerAlive(owner);
    });
  for (const dir of stale) await removeWorktreeDir(repo, dir);
  await pruneWorktrees(repo);
  return stale;
}

/**
 * Runs `work` in a temporary worktree (detached at `start`, or with `branch` checked out), so
 * git can commit or cherry-pick there without touching the user's checkout. The worktree is
 * removed afterwards whatever happens; if the process is killed, the next run removes it.
 */
async function inTemporaryWorktree<T>(
  repo: string,
  label: string,
  checkout: string[],
  work: (worktree: string) => Promise<T>,
): Promise<T> {
  const worktree = await newWorktreeDir(repo, label);
  try {
    await gitTask(repo, ['worktree', 'add', '--quiet', worktree, ...checkout]);
    return await work(worktree);
  } finally {
    await removeWorktreeDir(repo, worktree);
    await pruneWorktrees(repo);
  }
}

/** `work` in a temporary worktree detached at `sha` (a resolved commit). */
export function withTemporaryWorktree<T>(
  repo: string,
  sha: string,
  work: (worktree: string) => Promise<T>,
  label = 'detached',
): Promise<T> {
  return inTemporaryWorktree(repo, label, ['--detach', sha], work);
}

/**
 * Where `branch` is checked out by the user (their own working copy or a worktree of theirs),
 * or null. A Release Desk worktree left by a killed run is removed on the way, so it never
 * passes for the user's checkout; one of a live run is refused.
 */
export async function userCheckoutOf(repo: string, branch: string): Promise<string | null> {
  const existing = (await checkedOutBranches(repo)).get(branch);
  if (existing === undefined) return null;
  const owner = worktreeOwner(existing);
  if (owner === null) return existing;
  if (ownerAlive(owner)) {
    throw new DeskError(
      'conflict',
      `Another Release Desk process (${owner.pid}) has ${branch} checked out right now: wait for it to finish.`,
    );
  }
  await sweepStaleWorktrees(repo);
  return null;
}

/**
 * `work` with `branch` checked out: where the user has it checked out (their own working copy
 * included), else in a temporary worktree. `branch` must be a validated name.
 */
export async function withBranchCheckedOut<T>(
  repo: string,
  branch: string,
  work: (worktree: string) => Promise<T>,
  label = 'branch',
): Promise<T> {
  const existing = await userCheckoutOf(repo, branch);
  if (existing !== null) return work(existing);
  return inTemporaryWorktree(repo, label, ['--end-of-options', branch], work);
}
