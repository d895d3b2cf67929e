import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Policy } from '../../../shared/domain/policy.js';

/** The reviewed list of who may sign decisions, in git's `gpg.ssh.allowedSignersFile` format. */
export const ALLOWED_SIGNERS = '.release-desk/allowed_signers';

export interface AllowedSigners {
  /** Absolute path, or null when the repository has no list. */
  file: string | null;
  /** Changes whenever the list does, so verdicts read against an older list are read again. */
  hash: string;
}

export function allowedSigners(root: string): AllowedSigners {
  const file = path.join(root, ALLOWED_SIGNERS);
  if (!existsSync(file)) return { file: null, hash: 'none' };
  return { file, hash: createHash('sha256').update(readFileSync(file)).digest('hex') };
}

/** `approvals.requireSigned`, which defaults to true exactly when the repository lists allowed signers. */
export function requireSigned(policy: Policy | null, root: string): boolean {
  return policy?.approvals.requireSigned ?? existsSync(path.join(root, ALLOWED_SIGNERS));
}
