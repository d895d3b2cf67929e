import { DeskError } from '../errors.js';
import { branchHead, moveBranch } from './branches.js';
import { gitTask, runGitTask } from './client.js';
import { headCommit, resetHard } from './commits.js';
import { isWorkingTreeClean } from './repository-state.js';
import { git, runGit } from './run-git.js';
import { userCheckoutOf, withTemporaryWorktree } from './worktrees.js';

/** The outcome of one `git cherry-pick -x` attempt in a working tree. */
export type PickAttempt =
  | { kind: 'applied'; sha: string }
  | { kind: 'empty' }
  | { kind: 'conflict'; files: string[]; message: string };

export interface PickConflictInfo {
  sha: string;
  files: string[];
  message: string;
}

export interface BranchPickResult {
  applied: { from: string; to: string }[];
  /** Commits whose change the branch already had (the pick came out empty). */
  empty: string[];
  conflict: PickConflictInfo | null;
  /** Head of the branch afterwards. */
  head: string;
}

// Never open an editor: cherry-pick -x writes its own message.
const NO_EDITOR = { GIT_EDITOR: 'true' };

/** Files git left unmerged in the working tree. */
export async function unmergedFiles(worktree: string): Promise<string[]> {
  const out = await git(worktree, ['diff', '--name-only', '--diff-filter=U', '-z']);
  return out.split('\0').filter(Boolean);
}

/** The commit a stopped cherry-pick was applying, or null when none is in progress. */
export async function cherryPickInProgress(worktree: string): Promise<string | null> {
  const result = await runGit(worktree, ['rev-parse', '--verify', '--quiet', 'CHERRY_PICK_HEAD'], {
    okExitCodes: [1],
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

export async function abortCherryPick(worktree: string): Promise<void> {
  if ((await cherryPickInProgress(worktree)) !== null) await gitTask(worktree, ['cherry-pick', '--abort']);
}

/**
 * Cherry-picks one commit (`-x`, so the new commit names its origin) onto what `worktree` has
 * checked out. A conflict is left in place for the caller to abort or for the user to resolve.
 */
export async function cherryPickHere(
  worktree: string,
  sha: string,
  env: NodeJS.ProcessEnv,
): Promise<PickAttempt> {
  const result = await runGitTask(worktree, ['cherry-pick', '-x', '--end-of-options', sha], {
    env: { ...env, ...NO_EDITOR },
    okExitCodes: [1],
  });
  if (result.exitCode === 0) return { kind: 'applied', sha: await headCommit(worktree) };
  const files = await unmergedFiles(worktree);
  if (files.length === 0 && (await cherryPickInProgress(worktree)) !== null) {
    // Nothing left to commit: the change is there already.
    await gitTask(worktree, ['cherry-pick', '--skip'], { env });
    return { kind: 'empty' };
  }
  const message = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('CONFLICT') || line.startsWith('error:'))
    .join('\n');
  return { kind: 'conflict', files, message: message || 'the change does not apply cleanly' };
}

export interface PickOptions {
  atomic: boolean;
  /** Called after each commit lands (the action records it as a step). */
  onApplied?: (from: string, to: string) => void;
  /** Called once the branch has moved to `head` (after picking in a temporary worktree). */
  onMoved?: (head: string) => void;
}

/** Picks `shas` in order in `worktree`; stops at the first conflict, which it aborts. */
async function pickAll(
  worktree: string,
  shas: string[],
  env: NodeJS.ProcessEnv,
  options: PickOptions,
): Promise<Omit<BranchPickResult, 'head'>> {
  const { atomic } = options;
  const start = await headCommit(worktree);
  const applied: { from: string; to: string }[] = [];
  const empty: string[] = [];
  for (const sha of shas) {
    const attempt = await cherryPickHere(worktree, sha, env);
    if (attempt.kind === 'applied') {
      applied.push({ from: sha, to: attempt.sha });
      options.onApplied?.(sha, attempt.sha);
    } else if (attempt.kind === 'empty') empty.push(sha);
    else {
      await abortCherryPick(worktree);
      if (atomic && applied.length > 0) await resetHard(worktree, start);
      return {
        applied: atomic ? [] : applied,
        empty,
        conflict: { sha, files: attempt.files, message: attempt.message },
      };
    }
  }
  return { applied, empty, conflict: null };
}

/**
 * Cherry-picks commits onto `branch` without touching the user's checkout: in a temporary
 * detached worktree, then moving the branch. When the branch is checked out somewhere, the
 * picks happen there instead, and only on a clean tree. With `atomic`, a conflict leaves the
 * branch exactly as it was; otherwise the picks before the conflict stay.
 */
export async function pickOntoBranch(
  repo: string,
  branch: string,
  shas: string[],
  env: NodeJS.ProcessEnv,
  options: PickOptions,
): Promise<BranchPickResult> {
  const start = await branchHead(repo, branch);
  if (start === null) throw new DeskError('not-found', `Branch ${branch} does not exist.`);
  const checkedOut = await userCheckoutOf(repo, branch);
  if (checkedOut !== null) {
    if (!(await isWorkingTreeClean(checkedOut))) {
      throw new DeskError(
        'dirty-working-tree',
        `${branch} is checked out at ${checkedOut} with uncommitted changes: commit or stash them first.`,
      );
    }
    const result = await pickAll(checkedOut, shas, env, options);
    return { ...result, head: await headCommit(checkedOut) };
  }
  return withTemporaryWorktree(
    repo,
    start,
    async (worktree) => {
      const result = await pickAll(worktree, shas, env, options);
      const head = await headCommit(worktree);
      if (head !== start) {
        await moveBranch(repo, branch, head, start);
        options.onMoved?.(head);
      }
      return { ...result, head };
    },
    'pick',
  );
}
