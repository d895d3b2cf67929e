import semver from 'semver';
import type { BumpLevel, CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { BumpDecision } from '../versioning/bump.js';
import { countLabel, countedCommits, describeRange, describeReasons } from './evidence.js';
import { otherPrefixCause, releasesBehindOtherPrefix } from './other-prefix.js';
import type { TimelineRelease } from './tag-timeline.js';

/** What Release Desk saw and decided for one past release. */
export interface VersionReplay {
  /** The shipped version (the tag's). */
  expected: string;
  /** Release Desk's version, null for nothing to release. */
  got: string | null;
  /** The release it counted from (newest stable in the tagged commit's history), or null. */
  from: { name: string; version: string } | null;
  commits: CommitRecord[];
  decision: BumpDecision;
  policy: VersioningPolicy;
  /** The release tags that existed before this one was made. */
  earlier: TimelineRelease[];
  /** Tags of SemVer versions behind another prefix made before it (see `Timeline.otherPrefixed`). */
  otherEarlier?: (TimelineRelease & { prefix: string })[];
  /** The policy's tag prefix. */
  tagPrefix?: string;
}

export interface Cause {
  cause: string;
  reason: string;
}

const RANK: Record<BumpLevel, number> = { patch: 1, minor: 2, major: 3 };

/** The level of `from → to` (2.0.0-rc.1 from 1.4.2 is a major), null when `to` is not above it. */
function levelOf(from: string, to: string): BumpLevel | null {
  if (!semver.gt(to, from)) return null;
  const diff = semver.diff(from, to);
  if (diff === 'major' || diff === 'premajor') return 'major';
  if (diff === 'minor' || diff === 'preminor') return 'minor';
  return 'patch';
}

function main(version: string): string {
  const v = semver.parse(version)!;
  return `${v.major}.${v.minor}.${v.patch}`;
}

const article = (level: BumpLevel): string => (level === 'major' ? 'a major' : `a ${level}`);

/** Why two versions of one main version differ in their prerelease part. */
function prereleaseCause(run: VersionReplay, got: string): Cause {
  const { expected } = run;
  const [id, counter] = semver.prerelease(expected) ?? [];
  if (typeof id !== 'string') {
    return {
      cause: 'a prerelease without a channel name',
      reason: `the shipped prerelease ${expected} has no channel name: Release Desk numbers prereleases as -ID.N (${got})`,
    };
  }
  if (typeof counter === 'string') {
    return {
      cause: 'a prerelease channel in several parts',
      reason: `the shipped prerelease ${expected} names its channel in several parts (${semver.prerelease(expected)!.slice(0, -1).join('.')}): Release Desk numbers prereleases as -ID.N (${got})`,
    };
  }
  if (counter === undefined) {
    return {
      cause: 'a prerelease without a counter',
      reason: `the shipped prerelease ${expected} has no counter: Release Desk numbers prereleases as -${id}.N (${got})`,
    };
  }
  const siblings = run.earlier
    .filter((r) => main(r.version) === main(expected) && semver.prerelease(r.version)?.[0] === id)
    .map((r) => r.version);
  if (siblings.length > 0) {
    return {
      cause: 'a different prerelease counter',
      reason: `prerelease counter: the shipped ${expected}, Release Desk ${got} (earlier: ${siblings.join(', ')})`,
    };
  }
  const series = run.earlier.some((r) => r.prerelease)
    ? "where the repository's newest series of prereleases started"
    : 'at 1, as the repository has no prerelease tag yet';
  return {
    cause: 'a different prerelease counter',
    reason: `prerelease counter: the shipped ${expected} starts a new series at ${String(counter)}; Release Desk starts it ${series} (${got})`,
  };
}

/** The highest stable release made before this one and below its version: what it followed. */
function shippedBase(run: VersionReplay): TimelineRelease | null {
  let best: TimelineRelease | null = null;
  for (const release of run.earlier) {
    if (release.prerelease || !semver.lt(release.version, main(run.expected))) continue;
    if (best === null || semver.gt(release.version, best.version)) best = release;
  }
  return best;
}

/**
 * The release that made Release Desk go past the plain bump of `base` (2.1.0 taken by
 * v2.1.0-rc.1 on a line cut from the target, so 2.2.0): the highest earlier release between
 * the plain bump and `got`, or null when `got` is the plain bump.
 */
function claimedPast(
  run: VersionReplay,
  base: string,
  level: BumpLevel,
  got: string,
): TimelineRelease | null {
  const plain = semver.inc(base, level);
  if (plain === null || !semver.gt(main(got), plain)) return null;
  let best: TimelineRelease | null = null;
  for (const release of run.earlier) {
    const version = main(release.version);
    if (semver.lt(version, plain) || !semver.lt(version, main(got))) continue;
    if (best === null || semver.gt(release.version, best.version)) best = release;
  }
  return best;
}

const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;

/**
 * Why Release Desk's version for a past release is not the shipped one, from what differs: the
 * bump levels on both sides, the types and footers of the range's commits, the release counted
 * from. Called only when the versions differ.
 */
export function versionCause(run: VersionReplay): Cause {
  const { expected, got, from, commits, decision, policy } = run;
  const range = describeRange(commits, decision);
  const since = from ? `since ${from.name}` : 'in the whole history';
  if (countedCommits(commits, decision).length === 0) {
    return {
      cause: 'a tag on an already released commit',
      reason: `the tagged commit adds no commit ${since}: Release Desk has nothing to release`,
    };
  }
  // A prerelease tagged after its own version's release is a variant, never replayed
  // (variant-releases.ts): what is not above the release counted from is below it.
  if (from && !semver.gt(expected, from.version)) {
    return {
      cause: 'a version below the previous release',
      reason: `the shipped ${expected} is not above ${from.name}, the newest stable release in the tagged commit's history`,
    };
  }
  if (decision.releaseAs !== null && got === decision.releaseAs) {
    return {
      cause: 'a Release-As footer',
      reason: `a Release-As footer in the range asks for ${got}; the shipped release is ${expected}`,
    };
  }
  const hidden = releasesBehindOtherPrefix(run);
  if (hidden.length > 0) return otherPrefixCause(run, hidden);
  if (from === null) {
    return {
      cause: 'a first version other than versioning.initialVersion',
      reason:
        got === null
          ? `no stable release before it, and no commit in the history is a feature, fix or breaking change (${range})`
          : `no stable release before it: Release Desk starts at ${policy.initialVersion} (versioning.initialVersion), the shipped release is ${expected}`,
    };
  }
  const shipped = levelOf(from.version, expected)!;
  if (got === null) {
    const deps = countLabel(commits, decision, 'chore(deps)');
    if (deps > 0 && shipped === 'patch') {
      return {
        cause: 'release-please counts `chore(deps)` as a fix',
        reason: `release-please counts \`chore(deps)\` as a fix: the shipped patch has ${deps} dependency ${deps === 1 ? 'update' : 'updates'} and no fix (${range}); Release Desk releases nothing for them`,
      };
    }
    const counted = countedCommits(commits, decision).length;
    const other = decision.nonConventional.length;
    if (other === counted) {
      return {
        cause: 'a release of non-conventional commits only',
        reason: `shipped as ${article(shipped)} of ${plural(other, 'commit')} ${since}, none of them a Conventional Commit: Release Desk finds nothing to release`,
      };
    }
    // Most commits free-form and the rest chores or types of no convention: a history from before
    // the project wrote Conventional Commits, whose releases were decided by hand.
    if (other * 4 >= counted * 3) {
      return {
        cause: 'a release of non-conventional commits only',
        reason: `shipped as ${article(shipped)} of ${plural(counted, 'commit')} ${since}, ${other} of them not Conventional Commits (the project did not write them yet) and none a feature or fix (${range}): Release Desk finds nothing to release`,
      };
    }
    return {
      cause: 'a release with no feature or fix in its commits',
      reason: `shipped as ${article(shipped)}, but no commit ${since} is a feature, fix or breaking change (${range})`,
    };
  }
  const ours = decision.bump as BumpLevel;
  const preMajor = ours === 'major' && policy.preMajor && semver.major(from.version) === 0;
  const effective = preMajor ? 'minor' : ours;
  const base = shippedBase(run);
  // Another line's release explains the difference only when counting from it would change the version.
  const sameFromBase =
    base !== null && semver.inc(base.version, effective) === semver.inc(from.version, effective);
  if (base !== null && base.version !== from.version && !sameFromBase) {
    return {
      cause: 'counted from another release line',
      reason: `Release Desk counts from ${from.name}, the newest stable release in the tagged commit's history; the shipped ${expected} follows ${base.name}, which is not in it (a release on another line)`,
    };
  }
  // Only the prerelease part differs: the levels on both sides agree, whatever 0.x says.
  if (main(got) === main(expected)) return prereleaseCause(run, got);
  // Past another release's claim first: that, not the bump level, moved the version.
  const claimed = claimedPast(run, from.version, effective, got);
  if (claimed !== null) {
    return {
      cause: 'moved past a version another release claims',
      reason: `Release Desk's ${effective} from ${from.name} moves past ${main(claimed.version)}, claimed by ${claimed.name} (made before it), to ${got}; the shipped ${expected} stays on its own line`,
    };
  }
  if (preMajor && shipped === 'major') {
    return {
      cause: 'a breaking change before 1.0.0',
      reason: `before 1.0.0 a breaking change bumps the minor (versioning.preMajor): Release Desk gives ${got}, the shipped release went to ${expected} (${describeReasons(decision.reasons)})`,
    };
  }
  if (RANK[shipped] > RANK[effective]) {
    if (shipped === 'major') {
      return {
        cause: 'a manual major (no breaking change in its commits)',
        reason: `the shipped release was a manual major (no breaking change in its commits: ${range}); Release Desk gives ${got}`,
      };
    }
    return {
      cause: `${article(effective)} released as ${article(shipped)}`,
      reason: `${article(effective)} released as ${article(shipped)}: no commit ${since} is ${shipped === 'minor' ? 'a feature' : 'a fix'} or breaking (${range})`,
    };
  }
  if (RANK[shipped] < RANK[effective]) {
    const decisive = decision.reasons.filter((reason) => reason.bump === ours);
    const what = ours === 'major' ? 'a breaking change' : 'a feature';
    if (what === 'a feature' && shipped === 'patch' && semver.major(from.version) === 0) {
      return {
        cause: 'a feature released as a patch before 1.0.0',
        reason: `before 1.0.0 the project released features as patches (standard-version does so in 0.x); Release Desk gives a minor (${got}) for ${describeReasons(decisive)}`,
      };
    }
    return {
      cause: `${what} released as ${article(shipped)}`,
      reason: `the project released ${what} as ${article(shipped)} (its own choice): ${describeReasons(decisive)}; Release Desk gives ${got}`,
    };
  }
  const taken = run.earlier.find((release) => release.version === got);
  if (taken !== undefined) {
    return {
      cause: 'a version whose tag exists',
      reason: `Release Desk gives ${got}, but ${taken.name} existed already (outside the tagged commit's history); the shipped release is ${expected}`,
    };
  }
  const elsewhere = run.otherEarlier?.find((tag) => tag.version === got);
  if (semver.gt(expected, got) && elsewhere !== undefined) {
    return {
      cause: 'a version tagged with another prefix',
      reason: `the shipped ${expected} follows ${got}, which the project tagged as ${elsewhere.name}: another prefix than "${run.tagPrefix ?? 'v'}", which Release Desk does not see (versioning.tagPrefix)`,
    };
  }
  if (semver.gt(expected, got)) {
    return {
      cause: 'a version skipped',
      reason: `the shipped ${expected} skips ${got}, ${article(ours)} above ${from.name} that was never tagged`,
    };
  }
  return {
    cause: 'another bump',
    reason: `Release Desk bumps ${ours} from ${from.name} to ${got}; the shipped release is ${expected} (${range})`,
  };
}
