import semver from 'semver';
import { DeskError } from '../errors.js';
import type { Policy } from '../../../shared/domain/policy.js';
import { defaultBranch, listBranches } from '../git/branches.js';
import type { BranchInfo } from '../git/branches.js';
import { assertSafeRefName } from '../git/refs.js';

/** The release branch of a version under the policy's template, e.g. `release/1.3`. */
export function releaseBranchName(template: string, version: string): string {
  const parsed = semver.parse(version);
  if (!parsed) throw new DeskError('invalid-version', `"${version}" is not a SemVer version`);
  const name = template
    .replaceAll('{major}', String(parsed.major))
    .replaceAll('{minor}', String(parsed.minor));
  return assertSafeRefName(name, 'release branch');
}

/** The `major.minor` a branch name stands for under the template, or null when it does not match. */
export function releaseLineOf(template: string, branch: string): { major: number; minor: number } | null {
  const pattern = template
    .split(/(\{major\}|\{minor\})/)
    .map((part) =>
      part === '{major}' ? '(?<major>\\d+)' : part === '{minor}' ? '(?<minor>\\d+)' : escape(part),
    )
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(branch);
  if (!match?.groups) return null;
  return { major: Number(match.groups.major), minor: Number(match.groups.minor) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface ReleaseLineBranch extends BranchInfo {
  major: number;
  minor: number;
}

/** Local release branches (by the policy's template), oldest line first. */
export async function releaseLineBranches(repo: string, policy: Policy): Promise<ReleaseLineBranch[]> {
  const lines: ReleaseLineBranch[] = [];
  for (const branch of await listBranches(repo)) {
    const line = releaseLineOf(policy.trains.branch, branch.name);
    if (line) lines.push({ ...branch, ...line });
  }
  return lines.sort((a, b) => a.major - b.major || a.minor - b.minor);
}

/** The branches that still receive changes: the main branch, then every release line. */
export async function activeLines(repo: string, policy: Policy): Promise<BranchInfo[]> {
  const main = await defaultBranch(repo);
  const branches = await listBranches(repo);
  const mainBranch = branches.find((b) => b.name === main)!;
  return [mainBranch, ...(await releaseLineBranches(repo, policy))];
}
