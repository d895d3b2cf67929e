import { DeskError } from '../errors.js';
import { gitTask } from './client.js';
import { readConfig } from './config.js';
import { assertSafeRefName } from './refs.js';
import { git, runGit } from './run-git.js';

export interface BranchInfo {
  name: string;
  sha: string;
}

/** The branch's head SHA, or null when there is no such local branch. */
export async function branchHead(repo: string, branch: string): Promise<string | null> {
  assertSafeRefName(branch, 'branch');
  const result = await runGit(
    repo,
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${branch}^{commit}`],
    {
      okExitCodes: [1],
    },
  );
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** Every local branch with its head. */
export async function listBranches(repo: string): Promise<BranchInfo[]> {
  const out = await git(repo, ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)', 'refs/heads']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', sha = ''] = line.split('\0');
      return { name, sha };
    });
}

/**
 * The repository's main line and its head: what `origin/HEAD` points to, else the configured
 * `init.defaultBranch`, `main` or `master`, whichever exists locally; null when none does. Two
 * git calls side by side: the release engine asks this on every plan.
 */
export async function findMainLine(repo: string): Promise<BranchInfo | null> {
  const [refs, configured] = await Promise.all([
    git(repo, [
      'for-each-ref',
      '--format=%(refname)%00%(objectname)%00%(symref)',
      'refs/heads',
      'refs/remotes/origin/HEAD',
    ]),
    readConfig(repo, 'init.defaultBranch'),
  ]);
  const local = new Map<string, string>();
  const candidates: string[] = [];
  for (const line of refs.split('\n')) {
    const [ref = '', sha = '', symref = ''] = line.split('\0');
    if (ref.startsWith('refs/heads/')) local.set(ref.slice('refs/heads/'.length), sha);
    else if (symref.startsWith('refs/remotes/origin/'))
      candidates.push(symref.slice('refs/remotes/origin/'.length));
  }
  if (configured !== null) candidates.push(configured.trim());
  candidates.push('main', 'master');
  const name = candidates.find((candidate) => candidate !== '' && local.has(candidate));
  return name === undefined ? null : { name, sha: local.get(name)! };
}

/** The main line's name; refused with the reason when the repository has none. */
export async function defaultBranch(repo: string): Promise<string> {
  const main = await findMainLine(repo);
  if (!main) {
    throw new DeskError(
      'not-found',
      'This repository has no main branch (none of origin/HEAD, init.defaultBranch, main or master exists locally).',
    );
  }
  return main.name;
}

/** Creates `branch` at `sha`; refuses when it exists already. */
export async function createBranch(repo: string, branch: string, sha: string): Promise<void> {
  assertSafeRefName(branch, 'branch');
  if ((await branchHead(repo, branch)) !== null) {
    throw new DeskError('branch-exists', `Branch ${branch} already exists.`);
  }
  await gitTask(repo, ['branch', '--no-track', '--end-of-options', branch, sha]);
}

/** Moves `branch` from `expected` to `sha`; fails if someone moved it in between. */
export async function moveBranch(repo: string, branch: string, sha: string, expected: string): Promise<void> {
  assertSafeRefName(branch, 'branch');
  await gitTask(repo, [
    'update-ref',
    '-m',
    'release-desk: cherry-pick',
    `refs/heads/${branch}`,
    sha,
    expected,
  ]);
}

export async function deleteBranch(repo: string, branch: string): Promise<void> {
  assertSafeRefName(branch, 'branch');
  await gitTask(repo, ['branch', '-D', '--end-of-options', branch]);
}

/** Creates `branch` at `sha` (a resolved commit) and checks it out in the working copy `root`. */
export async function switchToNewBranch(root: string, branch: string, sha: string): Promise<void> {
  assertSafeRefName(branch, 'branch');
  await gitTask(root, ['switch', '--quiet', '--no-track', '-c', branch, sha]);
}

/** Checks out a branch, or detaches HEAD at a commit, in the working copy `root`. */
export async function switchTo(root: string, target: { branch: string } | { detach: string }): Promise<void> {
  const args =
    'branch' in target ? [assertSafeRefName(target.branch, 'branch')] : ['--detach', target.detach];
  await gitTask(root, ['switch', '--quiet', ...args]);
}

/** The branch checked out in `root` (`refs/heads/…`), or null when HEAD is detached. */
export async function checkedOutRef(root: string): Promise<string | null> {
  const result = await runGit(root, ['symbolic-ref', '--quiet', 'HEAD'], { okExitCodes: [1] });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** Branch → path of the worktree that has it checked out (the main working copy included). */
export async function checkedOutBranches(repo: string): Promise<Map<string, string>> {
  const out = await git(repo, ['worktree', 'list', '--porcelain']);
  const result = new Map<string, string>();
  let worktree = '';
  for (const line of out.split('\n')) {
    if (line.startsWith('worktree ')) worktree = line.slice('worktree '.length);
    else if (line.startsWith('branch refs/heads/'))
      result.set(line.slice('branch refs/heads/'.length), worktree);
  }
  return result;
}

/** True when `ancestor` is reachable from `descendant`. Both must be resolved already. */
export async function isAncestor(repo: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(repo, ['merge-base', '--is-ancestor', ancestor, descendant], {
    okExitCodes: [1],
  });
  return result.exitCode === 0;
}
