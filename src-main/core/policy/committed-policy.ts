import type { Policy } from '../../../shared/domain/policy.js';
import { committedFile } from '../git/ledger-refs.js';
import { defaultPolicy, loadPolicy, parsePolicy, POLICY_FILE, readPolicyText } from './load-policy.js';
import { PolicyError } from './policy-error.js';

export interface RepositoryPolicy {
  policy: Policy;
  /** Said wherever the policy is used while the working tree's file differs from HEAD's; null when they agree. */
  note: string | null;
}

export const UNCOMMITTED_POLICY =
  'Uncommitted changes to .release-desk.yml are not used for promotions until committed ' +
  '(environments, gates, approvals, deploy and trains are read from HEAD).';

/** The same text, whatever line endings git's checkout gave it. */
const normalized = (text: string | null) => text?.replace(/\r\n/g, '\n') ?? null;

/**
 * The policy Release Desk acts on. What decides who may ship — environments and their gates,
 * approvals (`requireSigned`), deploy commands and trains' go/no-go — is the file committed at
 * HEAD, reviewed like any change: an uncommitted `requireSigned: false` or a dropped approval gate
 * must not let an unsigned or missing approval count. Versioning and changelog keys come from the
 * working tree, so a tag prefix or section title can be tried before committing; they decide
 * what a release is called and says, which a reviewer sees in the release commit itself.
 * Throws PolicyError for the file that is wrong (HEAD's named `.release-desk.yml at HEAD`).
 */
export async function loadRepositoryPolicy(root: string): Promise<RepositoryPolicy> {
  const [working, committed] = await Promise.all([
    readPolicyText(root),
    committedFile(root, POLICY_FILE).then((file) => file?.text ?? null),
  ]);
  if (normalized(working) === normalized(committed)) {
    return { policy: working === null ? defaultPolicy() : parsePolicy(working), note: null };
  }
  let release: Pick<Policy, 'versioning' | 'changelog'>;
  let workingProblem: PolicyError | null = null;
  try {
    release = await loadPolicy(root);
  } catch (error) {
    // Only promotion keys wrong in the working copy: its release sections still count.
    if (!(error instanceof PolicyError) || !error.release) throw error;
    release = error.release;
    workingProblem = error;
  }
  let head: Policy;
  try {
    head = committed === null ? defaultPolicy() : parsePolicy(committed, `${POLICY_FILE} at HEAD`);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new PolicyError(error.message, error.key, error.line, error.problems, release);
  }
  const note = workingProblem
    ? `${UNCOMMITTED_POLICY} The working copy's promotion keys also have problems:\n${workingProblem.message}`
    : UNCOMMITTED_POLICY;
  return { policy: { ...head, versioning: release.versioning, changelog: release.changelog }, note };
}
