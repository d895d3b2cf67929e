import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Policy } from '../../../shared/domain/policy.js';
import { readLedgerObjects } from '../git/ledger-objects.js';
import { commonGitDir, LEDGER_REF } from '../git/ledger-refs.js';

/** The reviewed list of who may sign decisions, in git's `gpg.ssh.allowedSignersFile` format. */
export const ALLOWED_SIGNERS = '.release-desk/allowed_signers';

export interface AllowedSigners {
  /** A file holding the committed list (git reads signers from a file), or null when HEAD has none. */
  file: string | null;
  /** The list's blob: changes whenever the committed list does, so older verdicts are read again. */
  hash: string;
}

// The last committed list seen per repository, so the synchronous `requireSigned` knows of a list
// HEAD holds even where the working tree's copy was deleted. Every read of the ledger's index
// (the first step of every decision) reads it first.
const committed = new Map<string, boolean>();

// A repository's git directory does not move while a process runs: asked of git once.
const gitDirs = new Map<string, Promise<string>>();

/**
 * The allowed signers as committed at HEAD, never the working tree's copy: an uncommitted edit
 * (a key added, nobody reviewed) must not make a signature count. Git verifies against a file,
 * so the blob is written once, by its hash, inside the repository's own git directory.
 */
export async function allowedSigners(root: string): Promise<AllowedSigners> {
  const { file } = await readLedgerObjects(root, LEDGER_REF, ALLOWED_SIGNERS, []);
  return allowedSignersFrom(root, file);
}

/** The allowed signers from the committed file as already read (`readLedgerObjects`): no git for it again. */
export async function allowedSignersFrom(
  root: string,
  found: { blob: string; text: string } | null,
): Promise<AllowedSigners> {
  committed.set(root, found !== null);
  if (!found) return { file: null, hash: 'none' };
  if (!gitDirs.has(root)) gitDirs.set(root, commonGitDir(root));
  const dir = path.join(await gitDirs.get(root)!, 'release-desk');
  const file = path.join(dir, `allowed_signers-${found.blob}`);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== found.text) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, found.text, { mode: 0o600 });
  }
  return { file, hash: found.blob };
}

/**
 * `approvals.requireSigned`, which defaults to true when the repository lists allowed signers:
 * committed at HEAD (`signers`, or as last read) or in the working tree. Either one is enough, so
 * deleting the file without committing never lets unsigned decisions count.
 */
export function requireSigned(policy: Policy | null, root: string, signers?: AllowedSigners): boolean {
  const listed = signers ? signers.file !== null : committed.get(root) === true;
  return policy?.approvals.requireSigned ?? (listed || existsSync(path.join(root, ALLOWED_SIGNERS)));
}
