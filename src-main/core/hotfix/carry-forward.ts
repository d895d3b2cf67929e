import semver from 'semver';
import type { CarryResult } from '../../../shared/domain/hotfix.js';
import type { Policy } from '../../../shared/domain/policy.js';
import { DeskError } from '../errors.js';
import type { BranchInfo } from '../git/branches.js';
import { pickOntoBranch } from '../git/cherry-pick.js';
import { containingRefs } from '../git/contains.js';
import { activeLines, releaseLineOf } from '../trains/release-lines.js';

/**
 * Where a hotfix of `baseVersion` must also land: the main branch, and every release line from
 * its own line on (its own line's branch too, so a later patch cut there does not lose the fix).
 */
export async function carryTargets(root: string, policy: Policy, baseVersion: string): Promise<BranchInfo[]> {
  const base = { major: semver.major(baseVersion), minor: semver.minor(baseVersion) };
  const [main, ...lines] = await activeLines(root, policy);
  const newer = lines.filter((branch) => {
    const line = releaseLineOf(policy.trains.branch, branch.name)!;
    return line.major > base.major || (line.major === base.major && line.minor >= base.minor);
  });
  return [main!, ...newer];
}

const short = (sha: string): string => sha.slice(0, 7);

/**
 * Carries the hotfix's commits to one branch: skipped when the branch already has each of them
 * (directly, by patch-id or by cherry-pick trailer), else cherry-picked (`-x`) all or nothing —
 * a conflict leaves the branch untouched and says how to carry the fix by hand.
 */
export async function carryTo(
  root: string,
  target: BranchInfo,
  fixes: string[],
  env: NodeJS.ProcessEnv,
): Promise<CarryResult> {
  const held = await containingRefs(root, fixes, [target]);
  const missing = fixes.filter((sha) => (held.get(sha) ?? []).length === 0);
  const describeHeld = fixes
    .map((sha) => held.get(sha)?.[0])
    .filter((c) => c !== undefined)
    .map((c) => (c.via === 'direct' ? short(c.sha) : `${short(c.sha)} (${c.via})`));
  const contained = (): CarryResult => ({
    branch: target.name,
    sha: null,
    status: 'already-contained',
    detail: `${target.name} already has the fix${describeHeld.length ? `: ${describeHeld.join(', ')}` : ''}.`,
    files: [],
  });
  if (missing.length === 0) return contained();

  const byHand = `git switch ${target.name} && git cherry-pick -x ${missing.join(' ')}`;
  let result;
  try {
    result = await pickOntoBranch(root, target.name, missing, env, { atomic: true });
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    return {
      branch: target.name,
      sha: null,
      status: 'conflict',
      detail: `${error.message} To carry it later: ${byHand}`,
      files: [],
    };
  }
  if (result.conflict) {
    const files = result.conflict.files;
    return {
      branch: target.name,
      sha: null,
      status: 'conflict',
      detail:
        `Cherry-picking ${short(result.conflict.sha)} onto ${target.name} conflicts in ${files.join(', ') || 'the working tree'}; ` +
        `${target.name} was left as it was. To carry it by hand: ${byHand}, resolve the files, then git cherry-pick --continue.`,
      files,
    };
  }
  if (result.applied.length === 0) return contained();
  return {
    branch: target.name,
    sha: result.head,
    status: 'applied',
    detail: `Cherry-picked ${result.applied.map((a) => short(a.from)).join(', ')} onto ${target.name} (now at ${short(result.head)}).`,
    files: [],
  };
}
