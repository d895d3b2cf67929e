import type { Policy } from '../../../shared/domain/policy.js';
import { DeskError } from '../errors.js';
import { signingKeyConfigured } from '../git/ledger-refs.js';
import { requireSigned } from './allowed-signers.js';

/**
 * Where only signed decisions count, a decision git cannot sign here is refused before anything
 * is recorded, with the two commands that set signing up (it would only sit there not counting).
 */
export async function requireSigning(
  root: string,
  policy: Policy | null,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  if (!requireSigned(policy, root) || (await signingKeyConfigured(root, env))) return;
  throw new DeskError(
    'signing-not-set-up',
    'This repository counts only signed decisions, and git has no signing key set up here. Set one up with ' +
      '`git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519.pub`, ' +
      'and have your public key added to .release-desk/allowed_signers.',
  );
}
