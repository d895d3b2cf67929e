import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkedOutBranches } from './branches.js';
import { git, runGit } from './run-git.js';

/**
 * Runs `work` in a temporary worktree (detached at `start`, or with `branch` checked out), so
 * git can commit or cherry-pick there without touching the user's checkout. The worktree is
 * removed afterwards whatever happens.
 */
async function inTemporaryWorktree<T>(
  repo: string,
  checkout: string[],
  work: (worktree: string) => Promise<T>,
): Promise<T> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'release-desk-worktree-'));
  const worktree = path.join(parent, 'tree');
  try {
    await git(repo, ['worktree', 'add', '--quiet', worktree, ...checkout]);
    return await work(worktree);
  } finally {
    if (existsSync(worktree))
      await runGit(repo, ['worktree', 'remove', '--force', worktree], { okExitCodes: [128] });
    await rm(parent, { recursive: true, force: true });
    await runGit(repo, ['worktree', 'prune'], { okExitCodes: [128] });
  }
}

/** `work` in a temporary worktree detached at `sha` (a resolved commit). */
export function withTemporaryWorktree<T>(
  repo: string,
  sha: string,
  work: (worktree: string) => Promise<T>,
): Promise<T> {
  return inTemporaryWorktree(repo, ['--detach', sha], work);
}

/**
 * `work` with `branch` checked out: where it already is checked out (the user's own working
 * copy included), else in a temporary worktree. `branch` must be a validated name.
 */
export async function withBranchCheckedOut<T>(
  repo: string,
  branch: string,
  work: (worktree: string) => Promise<T>,
): Promise<T> {
  const existing = (await checkedOutBranches(repo)).get(branch);
  if (existing !== undefined) return work(existing);
  return inTemporaryWorktree(repo, ['--end-of-options', branch], work);
}
