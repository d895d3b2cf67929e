import semver from 'semver';
import type { TimelineRelease } from './tag-timeline.js';
import type { Cause, VersionReplay } from './version-cause.js';

/*
 * Releases a project tagged behind another prefix than versioning.tagPrefix (`18.2.0` beside
 * `v18.1.0`): Release Desk does not see them, and a replay says so rather than blame a bump.
 */

/** Whether a tag was made before a release (in the same second: a lower version first). */
export function madeBefore(tag: TimelineRelease, release: TimelineRelease): boolean {
  return (
    tag.created < release.created ||
    (tag.created === release.created && semver.lt(tag.version, release.version))
  );
}

/**
 * Releases the project tagged behind another prefix between the release counted from and the
 * shipped one (Angular CLI tagged 13.x–18.x as `18.2.0`, before and after as `v…`): Release Desk
 * does not see them, which explains a version counted from a release long before.
 */
export function releasesBehindOtherPrefix(
  run: Pick<VersionReplay, 'expected' | 'from' | 'earlier' | 'otherEarlier' | 'tagPrefix'>,
): (TimelineRelease & { prefix: string })[] {
  const prefix = run.tagPrefix ?? 'v';
  // Only the prefix's plain variants: another package's tags in a monorepo are not this project's.
  const variants = new Set([prefix.replace(/v$/, ''), `${prefix.replace(/v$/, '')}v`, '']);
  variants.delete(prefix);
  // A version tagged both ways (`1.0.0-beta.9` beside `v1.0.0-beta.9`) is seen all the same.
  const seen = new Set(run.earlier.map((release) => release.version));
  return (run.otherEarlier ?? []).filter(
    (tag) =>
      variants.has(tag.prefix) &&
      !seen.has(tag.version) &&
      semver.lt(tag.version, run.expected) &&
      (run.from === null || semver.gt(tag.version, run.from.version)),
  );
}

/** The cause of a version counted from before releases Release Desk does not see. */
export function otherPrefixCause(
  run: VersionReplay,
  hidden: (TimelineRelease & { prefix: string })[],
): Cause {
  const newest = hidden.reduce((a, b) => (semver.gt(b.version, a.version) ? b : a));
  const prefix = run.tagPrefix ?? 'v';
  const since = run.from ? `from ${run.from.name}` : 'without a release before it';
  return {
    cause: 'releases tagged with another prefix',
    reason: `the project tagged ${plural(hidden.length, 'release')} before ${run.expected} without the tag prefix "${prefix}" (e.g. ${newest.name}), which Release Desk does not see (versioning.tagPrefix): it counts ${since} and gives ${run.got ?? 'nothing to release'}`,
  };
}

/** The releases behind another prefix in a replayed range, as the notes' cause names them. */
export function hiddenReleases(
  run: Pick<VersionReplay, 'expected' | 'from' | 'earlier' | 'otherEarlier' | 'tagPrefix'>,
): { count: number; example: string; prefix: string } | undefined {
  const hidden = releasesBehindOtherPrefix(run);
  if (hidden.length === 0) return undefined;
  const newest = hidden.reduce((a, b) => (semver.gt(b.version, a.version) ? b : a));
  return { count: hidden.length, example: newest.name, prefix: run.tagPrefix ?? 'v' };
}

const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : `${one}s`}`;
