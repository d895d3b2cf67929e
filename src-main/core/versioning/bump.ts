import semver from 'semver';
import { DeskError } from '../errors.js';
import type { BumpLevel, CommitRecord, ParsedChange, RevertTarget } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';

/** One change that caused a bump. */
export interface BumpReason {
  sha: string;
  type: string;
  scope: string | null;
  subject: string;
  breaking: boolean;
  bump: BumpLevel;
}

export interface BumpDecision {
  bump: BumpLevel | 'none';
  /** Every change that caused a bump: major first, then minor, then patch, newest first within. */
  reasons: BumpReason[];
  /** `Release-As` of the newest commit carrying one. */
  releaseAs: string | null;
  /** Revert pairs found in the range: `sha` was reverted by `by`; neither counts. */
  cancelled: { sha: string; by: string }[];
  /** SHAs of commits without any conventional change. */
  nonConventional: string[];
}

const RANK: Record<BumpLevel, number> = { major: 0, minor: 1, patch: 2 };

/** The bump one change causes under the policy, or null when it causes no release. */
export function bumpForChange(change: ParsedChange, policy: VersioningPolicy): BumpLevel | null {
  if (!change.conventional || change.type === null) return null;
  if (change.breaking) return 'major';
  // Own keys only: a `constructor: …` commit must not find Object.prototype.constructor.
  const level = Object.hasOwn(policy.types, change.type) ? policy.types[change.type] : undefined;
  return level === undefined || level === 'none' ? null : level;
}

/**
 * Reverts whose target is also in the range, newest first: a revert already cancelled (by a
 * newer revert of it) cancels nothing, so a revert of a revert re-instates the original.
 */
function pairReverts(commits: CommitRecord[]): {
  excluded: Set<string>;
  cancelled: { sha: string; by: string }[];
} {
  const byHeader = new Map<string, number[]>();
  commits.forEach((commit, index) => {
    const header = commit.changes[0]?.header ?? '';
    const indexes = byHeader.get(header);
    if (indexes) indexes.push(index);
    else byHeader.set(header, [index]);
  });

  const excluded = new Set<string>();
  const cancelled: { sha: string; by: string }[] = [];
  // The reverted commit is older, so it comes after the revert in the list.
  const findTarget = (target: RevertTarget, revertIndex: number): CommitRecord | undefined => {
    const open = (i: number): boolean => i > revertIndex && !excluded.has(commits[i]!.sha);
    // A SHA, when given, decides alone: another commit may carry the same header.
    if (target.sha !== null) {
      for (let i = revertIndex + 1; i < commits.length; i++) {
        if (open(i) && commits[i]!.sha.startsWith(target.sha)) return commits[i];
      }
      return undefined;
    }
    if (target.header === null) return undefined;
    const index = byHeader.get(target.header)?.find(open);
    return index === undefined ? undefined : commits[index];
  };

  commits.forEach((revert, index) => {
    const target = revert.changes[0]?.revert;
    if (!target || excluded.has(revert.sha)) return;
    const reverted = findTarget(target, index);
    if (!reverted) return;
    excluded.add(revert.sha);
    excluded.add(reverted.sha);
    cancelled.push({ sha: reverted.sha, by: revert.sha });
  });
  return { excluded, cancelled };
}

/**
 * Decides the bump for a range of commits, newest first. Merge commits count through their
 * parents' commits, so any commit with several parents is ignored here.
 */
export function decideBump(commits: CommitRecord[], policy: VersioningPolicy): BumpDecision {
  const range = commits.filter((commit) => commit.parents.length <= 1);
  // A revert left unpaired reverts something already released: a patch unless configured.
  const effective: VersioningPolicy = { ...policy, types: { revert: 'patch', ...policy.types } };
  const { excluded, cancelled } = pairReverts(range);

  const reasons: BumpReason[] = [];
  const nonConventional: string[] = [];
  let releaseAs: string | null = null;
  for (const commit of range) {
    if (excluded.has(commit.sha)) continue;
    let conventional = false;
    for (const change of commit.changes) {
      releaseAs ??= change.releaseAs;
      if (!change.conventional || change.type === null) continue;
      conventional = true;
      const bump = bumpForChange(change, effective);
      if (bump === null) continue;
      const { type, scope, subject, breaking } = change;
      reasons.push({ sha: commit.sha, type, scope, subject, breaking, bump });
    }
    if (!conventional) nonConventional.push(commit.sha);
  }
  // Array#sort is stable, so commit order survives within a level.
  reasons.sort((a, b) => RANK[a.bump] - RANK[b.bump]);
  return { bump: reasons[0]?.bump ?? 'none', reasons, releaseAs, cancelled, nonConventional };
}

function valid(version: string, what: string): string {
  const normalized = semver.valid(version);
  if (normalized === null)
    throw new DeskError('invalid-version', `${what} "${version}" is not a valid SemVer version`);
  return normalized;
}

/** The newest stable version in `versions` below `version`, or null. */
function lastStableBelow(version: string, versions: string[]): string | null {
  let best: string | null = null;
  for (const candidate of versions) {
    const parsed = semver.parse(candidate);
    if (!parsed || parsed.prerelease.length > 0 || !semver.lt(parsed, version)) continue;
    if (best === null || semver.gt(parsed, best)) best = parsed.version;
  }
  return best;
}

function increment(version: string, bump: BumpLevel, preMajor: boolean): string {
  // Initial development (0.x): a breaking change bumps minor unless the policy says otherwise.
  const level = bump === 'major' && preMajor && semver.major(version) === 0 ? 'minor' : bump;
  const next = semver.inc(version, level);
  if (next === null) throw new DeskError('invalid-version', `Cannot bump version ${version}`);
  return next;
}

/**
 * The next `<target>-<id>.N` counter: 1 + the highest among `versions` (counters are never
 * reused), else where the repository's newest series of prereleases started counting — of
 * this id when it has one, else of any id (`-next.0`, `-rc.0`: 0) — else 1. The newest series
 * decides because projects change their style (Vue's 3.0.0-alpha.0 came before years of `.1`);
 * a series whose first tags are gone (lowest counter above 1) says nothing and is passed over.
 */
function prereleaseCounter(target: string, id: string, versions: string[]): number {
  let highest = -1;
  // Per series (main version): its lowest counter, of this id and of any.
  const sameId = new Map<string, { main: semver.SemVer; lowest: number }>();
  const anyId = new Map<string, { main: semver.SemVer; lowest: number }>();
  const note = (series: typeof sameId, parsed: semver.SemVer, counter: number): void => {
    const key = `${parsed.major}.${parsed.minor}.${parsed.patch}`;
    const seen = series.get(key);
    if (seen === undefined) series.set(key, { main: parsed, lowest: counter });
    else seen.lowest = Math.min(seen.lowest, counter);
  };
  for (const candidate of versions) {
    const parsed = semver.parse(candidate);
    if (!parsed) continue;
    const [name, counter, ...more] = parsed.prerelease;
    if (typeof counter !== 'number' || more.length > 0) continue;
    note(anyId, parsed, counter);
    if (name !== id) continue;
    note(sameId, parsed, counter);
    if (parsed.compareMain(target) === 0) highest = Math.max(highest, counter);
  }
  if (highest >= 0) return highest + 1;
  const newestStart = (series: typeof sameId): number | null => {
    let newest: { main: semver.SemVer; lowest: number } | null = null;
    for (const one of series.values()) {
      if (one.lowest <= 1 && (newest === null || one.main.compareMain(newest.main) > 0)) newest = one;
    }
    return newest?.lowest ?? null;
  };
  return newestStart(sameId) ?? newestStart(anyId) ?? 1;
}

/** The newest prerelease above the current release, and whether it is the target's own. */
export interface PendingPrerelease {
  version: string;
  /**
   * Tagged on a release line cut from the target (a train in stabilization): that line owns
   * its version, so the target's next release comes after it. Otherwise the target's own
   * prerelease line, which a release continues (`-next.4` → `-next.5`) or graduates.
   */
  onLine: boolean;
}

function maxVersion(a: string, b: string): string {
  return semver.gt(a, b) ? a : b;
}

/**
 * The plain version a bump leads to: from `base` (null: the first release), at least a minor
 * above a release line's version (`fromLine`: patches belong to that line), and past a pending
 * prerelease: its own line is continued or graduated (`22.0.0-rc.3` → `22.0.0`), a line cut
 * from the target owns its version.
 */
function bumpTarget(
  base: string | null,
  bump: BumpLevel,
  policy: VersioningPolicy,
  fromLine: boolean,
  pending: PendingPrerelease | null,
): string {
  const lineBump: BumpLevel = bump === 'major' ? 'major' : 'minor';
  let target =
    base === null
      ? valid(policy.initialVersion, 'Initial version')
      : increment(base, fromLine ? lineBump : bump, policy.preMajor);
  if (pending !== null) {
    const claimed = semver.coerce(pending.version)!.version;
    if (!pending.onLine) target = maxVersion(target, claimed);
    else if (!semver.gt(target, claimed)) target = increment(claimed, lineBump, policy.preMajor);
  }
  return target;
}

/**
 * The version to release, or null when there is nothing to release.
 *
 * `current` is the latest *stable* release (null when there is none); should a prerelease be
 * passed, the bump is computed from the newest stable version below it in `existingVersions`.
 * `fromLine`: `current` was tagged on a release line cut from the target. `pending`: the newest
 * prerelease above `current`. `existingVersions` are all released versions, without tag prefix;
 * they give the prerelease counter. `releaseAs` (a `Release-As` footer or a manual override)
 * wins, and must be valid SemVer and greater than `current`.
 */
export function nextVersion(args: {
  current: string | null;
  bump: BumpLevel | 'none';
  policy: VersioningPolicy;
  prerelease?: string | null;
  existingVersions: string[];
  releaseAs?: string | null;
  fromLine?: boolean;
  pending?: PendingPrerelease | null;
}): string | null {
  const { bump, policy, prerelease, existingVersions, releaseAs } = args;
  const current = args.current === null ? null : valid(args.current, 'Current version');

  let target: string;
  if (releaseAs) {
    target = valid(releaseAs, 'Release-As version');
    if (current !== null && !semver.gt(target, current)) {
      throw new DeskError(
        'invalid-version',
        `Release-As version ${target} must be greater than the current version ${current}`,
      );
    }
  } else if (bump === 'none') {
    return null;
  } else {
    const base =
      current !== null && semver.prerelease(current) ? lastStableBelow(current, existingVersions) : current;
    const pending =
      args.pending && current !== null && !semver.gt(args.pending.version, current) ? null : args.pending;
    target = bumpTarget(base, bump, policy, args.fromLine ?? false, pending ?? null);
  }

  if (!prerelease || semver.prerelease(target)) return target;
  const counter = prereleaseCounter(target, prerelease, existingVersions);
  return valid(`${target}-${prerelease}.${counter}`, 'Prerelease version');
}
