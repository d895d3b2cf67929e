import { DeskError } from '../errors.js';
import { runGit } from './run-git.js';

/**
 * Rejects ref names before any git process sees them: a leading `-` would be read as an option
 * (`--upload-pack=…`), and the rest must pass git's own `check-ref-format` rules, which we
 * mirror here so that hostile names never reach git at all.
 */
export function assertSafeRefName(name: string, what = 'ref'): string {
  const problem = refNameProblem(name);
  if (problem) throw new DeskError('invalid-ref', `Invalid ${what} name "${name}": ${problem}.`);
  return name;
}

function refNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.length > 255) return 'it is longer than 255 characters';
  if (name.startsWith('-')) return 'it may not start with "-"';
  if ([...name].some((c) => c <= ' ' || c === '\u007f')) return 'it contains a space or control character';
  if (/[~^:?*[\\]/.test(name)) return 'it contains one of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name === '@') return 'it is "@"';
  if (name.includes('//')) return 'it contains "//"';
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"';
  if (name.endsWith('.')) return 'it ends with "."';
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) {
    return 'a component starts with "." or ends with ".lock"';
  }
  return null;
}

/** Ancestry suffixes people type after a ref: `HEAD~3`, `v1.2.0^`, `main^2~1`. */
const ANCESTRY_SUFFIX = /(?:[~^]\d*)+$/;

/** A full or abbreviated commit SHA, or a ref with optional `~N`/`^N` suffixes, as typed by a user. */
export function assertCommitish(text: string): string {
  if (/^[0-9a-f]{4,64}$/i.test(text)) return text;
  const base = text.replace(ANCESTRY_SUFFIX, '');
  assertSafeRefName(base || text, 'revision');
  return text;
}

/** Resolves a user-typed revision to a full commit SHA, or fails with `not-found`. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  assertCommitish(rev);
  const result = await runGit(
    repo,
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
    {
      okExitCodes: [1],
    },
  );
  const sha = result.stdout.trim();
  if (result.exitCode !== 0 || !sha)
    throw new DeskError('not-found', `No commit "${rev}" in this repository.`);
  return sha;
}
