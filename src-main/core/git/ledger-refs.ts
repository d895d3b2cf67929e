import { DeskError } from '../errors.js';
import { assertSafeRefName } from './refs.js';
import { git, runGit } from './run-git.js';

/** The ledger's own ref: outside refs/heads and refs/tags, so branches, tags and clones ignore it. */
export const LEDGER_REF = 'refs/release-desk/ledger';

/** Where `sync` keeps the last fetched copy of a remote's ledger. */
export function remoteLedgerRef(remote: string): string {
  return assertSafeRefName(`refs/release-desk/remotes/${remote}/ledger`, 'remote');
}

/** The commit a ref names, or null when it does not exist. */
export async function readRef(repo: string, ref: string): Promise<string | null> {
  const result = await runGit(
    repo,
    ['rev-parse', '--verify', '--quiet', `${assertSafeRefName(ref)}^{commit}`],
    {
      okExitCodes: [1, 128],
    },
  );
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

const emptyTrees = new Map<string, string>();

/** The empty tree, written once per repository so that pushes carry a real object. */
async function emptyTree(repo: string): Promise<string> {
  const known = emptyTrees.get(repo);
  if (known) return known;
  const tree = (await git(repo, ['mktree'], { input: '' })).trim();
  emptyTrees.set(repo, tree);
  return tree;
}

export interface LedgerCommit {
  message: string;
  parents: string[];
  /** Sign with the user's own git signing setup (`gpg.format`, `user.signingkey`). */
  sign: boolean;
  /** Identity and date of the commit (GIT_COMMITTER_*, GIT_AUTHOR_*), plus the caller's environment. */
  env: NodeJS.ProcessEnv;
}

/** Writes one ledger commit (empty tree, the event in the message) and returns its SHA; moves no ref. */
export async function writeLedgerCommit(repo: string, commit: LedgerCommit): Promise<string> {
  const tree = await emptyTree(repo);
  const args = ['commit-tree', ...commit.parents.flatMap((p) => ['-p', p])];
  if (commit.sign) args.push('-S');
  args.push(tree);
  try {
    return (await git(repo, args, { input: commit.message, env: commit.env })).trim();
  } catch (error) {
    if (!commit.sign) throw error;
    throw new DeskError(
      'signing-not-set-up',
      `Signing the ledger entry failed (${(error as Error).message}). Set up signing with ` +
        '`git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519`.',
    );
  }
}

/**
 * Compare-and-swap: moves `ref` to `next` only if it still points at `expected` (null: must not
 * exist yet). False when another writer got there first (or held the ref's lock).
 */
export async function compareAndSwapRef(
  repo: string,
  ref: string,
  next: string,
  expected: string | null,
): Promise<boolean> {
  const result = await runGit(repo, ['update-ref', '-m', 'release-desk ledger', ref, next, expected ?? ''], {
    okExitCodes: [1, 128],
  });
  return result.exitCode === 0;
}

/** Deletes a ref if it exists (a remote that no longer has a ledger). */
export async function deleteRef(repo: string, ref: string): Promise<void> {
  await runGit(repo, ['update-ref', '-d', ref], { okExitCodes: [1] });
}

export interface RawLedgerCommit {
  sha: string;
  parents: string[];
  /** git's %G?: G good, B bad, U unknown key, N none, E cannot check, X/Y expired, R revoked. */
  signature: string;
  /** The allowed-signers principal of a good signature. */
  signer: string;
  key: string;
  message: string;
}

const FIELD = '\x00';
const RECORD = '\x1e';

/**
 * Every commit reachable from `head` but not from `exclude`, newest first, in one `git log`,
 * each with git's verdict on its signature against `allowedSigners` (a file in git's format).
 */
export async function logLedger(
  repo: string,
  head: string,
  exclude: string[],
  allowedSigners: string | null,
): Promise<RawLedgerCommit[]> {
  return readCommits(repo, [head, ...exclude.map((sha) => `^${sha}`)], [], allowedSigners);
}

async function readCommits(
  repo: string,
  revisions: string[],
  options: string[],
  allowedSigners: string | null,
): Promise<RawLedgerCommit[]> {
  const config = allowedSigners ? ['-c', `gpg.ssh.allowedSignersFile=${allowedSigners}`] : [];
  const format = allowedSigners
    ? '%H%x00%P%x00%G?%x00%GS%x00%GF%x00%B%x1e'
    : '%H%x00%P%x00N%x00%x00%x00%B%x1e';
  const args = [...config, 'log', ...options, `--format=${format}`, ...revisions, '--'];
  const out = await git(repo, args);
  return out
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha = '', parents = '', signature = 'N', signer = '', key = '', ...message] =
        record.split(FIELD);
      return {
        sha,
        parents: parents.split(' ').filter(Boolean),
        signature,
        signer,
        key,
        message: message.join(FIELD),
      };
    });
}

/**
 * Commits reachable from `head` whose message holds `text` (a fixed string, not a pattern), newest
 * first, with their messages: finding one event in the ledger without any index.
 */
export async function grepLedger(
  repo: string,
  head: string,
  text: string,
): Promise<{ sha: string; message: string }[]> {
  const out = await git(repo, ['log', '-F', `--grep=${text}`, '--format=%H%x00%B%x1e', head, '--']);
  return out
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const at = record.indexOf(FIELD);
      return { sha: record.slice(0, at), message: record.slice(at + 1) };
    });
}

/** Whether `ancestor` is reachable from `descendant`. */
export async function isAncestor(repo: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(repo, ['merge-base', '--is-ancestor', ancestor, descendant], {
    okExitCodes: [1],
  });
  return result.exitCode === 0;
}

/** Event commits (merges hold no event) reachable from `head` and not from `exclude`. */
export async function countEventCommits(repo: string, head: string, exclude: string | null): Promise<number> {
  const args = ['rev-list', '--count', '--no-merges', head, ...(exclude ? [`^${exclude}`] : []), '--'];
  return Number((await git(repo, args)).trim());
}

/** Whether the user has a signing key configured for this repository. */
export async function signingKeyConfigured(repo: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const result = await runGit(repo, ['config', '--get', 'user.signingkey'], { env, okExitCodes: [1] });
  return result.exitCode === 0 && result.stdout.trim().length > 0;
}

/** The repository's remotes, by name. */
export async function remoteNames(repo: string): Promise<string[]> {
  return (await git(repo, ['remote'])).split('\n').filter(Boolean);
}

/** Where `audit verify` fetches a remote's ledger to compare, leaving the last synced copy as it was. */
export function verifiedLedgerRef(remote: string): string {
  return assertSafeRefName(`refs/release-desk/verify/${remote}/ledger`, 'remote');
}

/** The blob and text of `file` in the committed HEAD tree, or null when HEAD has no such file. */
export async function committedFile(
  repo: string,
  file: string,
): Promise<{ blob: string; text: string } | null> {
  if (file === '' || /[\n\r\0]/.test(file) || file.startsWith('/')) {
    throw new DeskError('invalid-input', `Invalid repository path "${file}".`);
  }
  const found = await runGit(repo, ['rev-parse', '--verify', '--quiet', `HEAD:${file}`], {
    okExitCodes: [1, 128],
  });
  if (found.exitCode !== 0) return null;
  const blob = found.stdout.trim();
  return { blob, text: await git(repo, ['cat-file', 'blob', blob]) };
}

/** The repository's shared git directory (the same for every worktree), absolute. */
export async function commonGitDir(repo: string): Promise<string> {
  return (await git(repo, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim();
}
