import { gitTask, runGitTask } from './client.js';
import { git, runGit } from './run-git.js';

/** A commit of a first-parent walk: its SHA, first parent and subject line. */
export interface FirstParentCommit {
  sha: string;
  parent: string | null;
  subject: string;
}

/** The commit HEAD names in `root`. */
export async function headCommit(root: string): Promise<string> {
  return (await git(root, ['rev-parse', 'HEAD'])).trim();
}

/** Stages `paths` (repository-relative) in the working copy `root`. */
export async function stage(root: string, paths: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  await gitTask(root, ['add', '--', ...paths], { env });
}

/** Commits what is staged in `root` with `message`; identity and date come from `env`. Returns the commit. */
export async function commitStaged(root: string, message: string, env?: NodeJS.ProcessEnv): Promise<string> {
  await gitTask(root, ['commit', '-q', '-m', message], { env });
  return headCommit(root);
}

/** Takes `paths` out of the index again (their files stay as they are). */
export async function unstage(root: string, paths: string[]): Promise<void> {
  await runGitTask(root, ['reset', '-q', '--', ...paths], { okExitCodes: [1] });
}

/** Moves the checked-out branch to `sha` (a resolved commit) and the working tree with it. */
export async function resetHard(root: string, sha: string): Promise<void> {
  await gitTask(root, ['reset', '-q', '--hard', sha]);
}

/**
 * The first-parent commits of `branch` after `from` (a resolved commit), newest first; null when
 * the branch or `from` is gone.
 */
export async function firstParentCommits(
  root: string,
  from: string,
  branch: string,
): Promise<FirstParentCommit[] | null> {
  const out = await runGit(
    root,
    ['log', '--first-parent', '--format=%H%x00%P%x00%s', `${from}..refs/heads/${branch}`, '--'],
    { okExitCodes: [128] },
  );
  if (out.exitCode !== 0) return null;
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha = '', parents = '', subject = ''] = line.split('\0');
      return { sha, parent: parents.split(' ')[0] || null, subject };
    });
}

/** SHAs of the commits reachable from `to` and not from `from` (both resolved), newest first. */
export async function commitsBetween(root: string, from: string, to: string): Promise<string[]> {
  const out = await git(root, ['rev-list', `${from}..${to}`, '--']);
  return out.split('\n').filter(Boolean);
}
