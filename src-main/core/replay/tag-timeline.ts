import semver from 'semver';
import { listTagsWithDates } from '../git/tag-dates.js';
import { otherPrefixVersion } from '../versioning/other-prefix-tags.js';
import { oneTagPerVersion, tagVersion } from '../versioning/tag-naming.js';
import type { TagNaming } from '../versioning/tag-naming.js';

/** A release tag as it was made: one of the policy's prefixes + SemVer, with its creation date. */
export interface TimelineRelease {
  name: string;
  version: string;
  sha: string;
  created: number;
  prerelease: boolean;
}

export interface Timeline {
  /** Release tags, oldest first: a release's predecessors are exactly the ones before it. */
  releases: TimelineRelease[];
  /** Every tag naming a commit, release or not (to explain a prefix that sees none). */
  tagNames: string[];
  /**
   * Tags that are SemVer behind none of the policy's prefixes (`18.2.0` or `yargs-v16.2.1` beside `v…`), with
   * the prefix: Release Desk does not see them, and a project that changed its prefix released
   * them all the same.
   */
  otherPrefixed: (TimelineRelease & { prefix: string })[];
}

/**
 * The repository's release tags in the order they were made, read once for the whole replay.
 * Tags made in the same second (a release script tagging several versions) are ordered by
 * version, so a lower version counts as existing before a higher one. A version tagged behind two
 * prefixes is one release, its `tagPrefix` tag.
 */
export async function releaseTimeline(repo: string, naming: TagNaming): Promise<Timeline> {
  const tags = await listTagsWithDates(repo);
  const releases: { release: TimelineRelease; parsed: semver.SemVer }[] = [];
  const otherPrefixed: Timeline['otherPrefixed'] = [];
  for (const tag of tags) {
    const version = tagVersion(tag.name, naming);
    if (version === null) {
      const other = otherPrefixVersion(tag.name, naming);
      if (other !== null) otherPrefixed.push({ ...tag, ...other });
      continue;
    }
    const parsed = new semver.SemVer(version);
    const release = { ...tag, version, prerelease: parsed.prerelease.length > 0 };
    releases.push({ release, parsed });
  }
  releases.sort(
    (a, b) =>
      a.release.created - b.release.created ||
      a.parsed.compare(b.parsed) ||
      a.release.name.localeCompare(b.release.name),
  );
  return {
    releases: oneTagPerVersion(
      releases.map((r) => r.release),
      naming,
    ),
    tagNames: tags.map((tag) => tag.name),
    otherPrefixed,
  };
}

/**
 * Prerelease tags made after their own version was released stable (yargs tags `v18.1.0-deno`
 * after `v18.1.0`), or in the same second (a release script tagging both): variants of that
 * release, not a release step Release Desk would ever propose, so they are not replayed. A
 * prerelease made before its stable release is a step.
 */
export function variantReleases(releases: TimelineRelease[]): Set<TimelineRelease> {
  // When each version was first released stable.
  const stable = new Map<string, number>();
  for (const release of releases) {
    if (release.prerelease) continue;
    const at = stable.get(release.version);
    if (at === undefined || release.created < at) stable.set(release.version, release.created);
  }
  const variants = new Set<TimelineRelease>();
  for (const release of releases) {
    const at = release.prerelease ? stable.get(semver.coerce(release.version)!.version) : undefined;
    if (at !== undefined && at <= release.created) variants.add(release);
  }
  return variants;
}
