import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeskError } from '../errors.js';
import { runGit } from './run-git.js';

const NOT_UTF8 = '\uFFFD';

export interface RepositoryState {
  /** The working tree's top level, absolute. */
  root: string;
  branch: string | null;
  head: string;
  shallow: boolean;
}

/**
 * Checks that `dir` is a usable working copy and says precisely why not: each bad kind has its
 * own code so the UI and CLI can explain it. Reads only; writes nothing.
 */
export async function inspectRepository(dir: string): Promise<RepositoryState> {
  const absolute = path.resolve(dir);
  // A path is handed over as text: bytes that are not UTF-8 arrive as U+FFFD, which may name
  // another directory spelled with that character.
  if (absolute.includes(NOT_UTF8)) {
    throw new DeskError(
      'not-a-directory',
      `${absolute} contains bytes that are not UTF-8 (shown as ${NOT_UTF8}): Release Desk cannot tell which directory that is. Rename it.`,
    );
  }
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new DeskError('not-a-directory', `${absolute} does not exist.`);
  if (!info.isDirectory()) throw new DeskError('not-a-directory', `${absolute} is not a directory.`);

  // Reopening is on the hot path: a working copy answers everything in two git calls run side
  // by side, and only a failure pays for the probes that say what is wrong.
  const [probe, head] = await Promise.all([
    runGit(
      absolute,
      [
        'rev-parse',
        '--is-bare-repository',
        '--is-inside-work-tree',
        '--is-shallow-repository',
        '--show-toplevel',
      ],
      { okExitCodes: [128] },
    ),
    runGit(absolute, ['rev-parse', 'HEAD^{commit}', '--symbolic-full-name', 'HEAD'], { okExitCodes: [128] }),
  ]);
  if (probe.exitCode !== 0) throw await whyNotAWorkingCopy(absolute);
  const [, , shallow, top = ''] = answers(probe.stdout, 4);
  await assertHolds(top, absolute);
  if (head.exitCode !== 0) {
    throw new DeskError('empty-repository', `${top} has no commits yet: make a first commit, then open it.`);
  }
  const [sha = '', symbolic = ''] = head.stdout.trim().split('\n');
  return {
    root: top,
    branch: symbolic.startsWith('refs/heads/') ? symbolic.slice('refs/heads/'.length) : null,
    head: sha,
    shallow: shallow === 'true',
  };
}

/**
 * git's `count` one-line answers; the last may be a path, which can itself hold newlines, tabs
 * or quotes (rev-parse prints it as it is), so only the line ending git adds is taken off it.
 */
function answers(stdout: string, count: number): string[] {
  const lines: string[] = [];
  let at = 0;
  for (let i = 0; i < count - 1; i++) {
    const end = stdout.indexOf('\n', at);
    if (end < 0) break;
    lines.push(stdout.slice(at, end));
    at = end + 1;
  }
  const last = stdout.slice(at);
  lines.push(last.endsWith('\n') ? last.slice(0, -1) : last);
  return lines;
}

/** The working copy git reported must be the directory asked about or hold it: never another one. */
async function assertHolds(top: string, absolute: string): Promise<void> {
  const real = await realpath(absolute);
  const back = path.relative(top, real);
  const holds =
    !top.includes(NOT_UTF8) && path.isAbsolute(top) && !back.startsWith('..') && !path.isAbsolute(back);
  if (!holds) {
    throw new DeskError(
      'not-a-repository',
      `git reports the working copy of ${JSON.stringify(absolute)} at ${JSON.stringify(top)}, which does not hold it: refusing to act there.`,
    );
  }
}

async function whyNotAWorkingCopy(absolute: string): Promise<DeskError> {
  const probe = await runGit(absolute, ['rev-parse', '--is-bare-repository', '--is-inside-work-tree'], {
    okExitCodes: [128],
  });
  const [bare, inside] = probe.stdout.trim().split('\n');
  if (probe.exitCode === 0 && bare === 'true') {
    return new DeskError(
      'bare-repository',
      `${absolute} is a bare repository: Release Desk needs a working copy (git clone it first).`,
    );
  }
  if (probe.exitCode === 0 && inside !== 'true') {
    return new DeskError('not-a-repository', `${absolute} is inside a git directory, not a working copy.`);
  }
  return new DeskError('not-a-repository', `${absolute} is not a git repository.`);
}

/** For actions that move branches or create commits: a detached HEAD is refused with the fix. */
export function assertOnBranch(state: RepositoryState): string {
  if (state.branch === null) {
    throw new DeskError(
      'detached-head',
      `HEAD is detached at ${state.head.slice(0, 7)}: check out a branch first (git switch <branch>).`,
    );
  }
  return state.branch;
}

export const SHALLOW_WARNING =
  'This is a shallow clone: history is incomplete, so versions and changelogs may be wrong (git fetch --unshallow).';

export async function isWorkingTreeClean(root: string): Promise<boolean> {
  const status = await runGit(root, ['status', '--porcelain', '--untracked-files=no']);
  return status.stdout.trim() === '';
}

/**
 * The main working copy behind a linked worktree (the root itself otherwise), so that records
 * made from a temporary worktree name the repository the user opened.
 */
export async function mainWorkingCopy(root: string): Promise<string> {
  const [common = ''] = answers(
    (await runGit(root, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).stdout,
    1,
  );
  return path.basename(common) === '.git' ? path.dirname(common) : root;
}
