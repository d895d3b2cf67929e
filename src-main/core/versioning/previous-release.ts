import semver from 'semver';
import type { Ancestry } from '../git/ancestry.js';
import { gitAncestry } from '../git/ancestry.js';
import type { TagInfo } from '../git/tags.js';
import { listTags } from '../git/tags.js';
import type { TagNaming } from './tag-naming.js';
import { oneTagPerVersion, tagVersion } from './tag-naming.js';

/** A tag that names a release: one of the policy's prefixes followed by a SemVer version. */
export interface ReleaseTag {
  name: string;
  /** Normalized SemVer (build metadata dropped). */
  version: string;
  /** The commit the tag points at. */
  sha: string;
  prerelease: boolean;
}

export interface PreviousReleases {
  /** The highest stable release that applies to the target: what bumps are computed against. */
  lastStable: ReleaseTag | null;
  /** The highest release of any kind that applies (a prerelease may be newer than the last stable one). */
  lastAny: ReleaseTag | null;
  /** Each of the two is reachable from the target (false: tagged on a release line cut from it). */
  stableReachable: boolean;
  anyReachable: boolean;
}

export interface SearchOptions {
  /**
   * The target is on the main line, so releases tagged on lines cut from it (trains' release
   * branches, `X.Y.x` branches) apply too: every release that does not contain the target.
   * Otherwise (a release line itself) only the releases it reaches apply.
   */
  mainLine?: boolean;
  /** Who answers reachability (default: git, a call per question). */
  ancestry?: Ancestry;
}

// Most targets are answered by their few highest tags, one `merge-base --is-ancestor` each (a
// few ms: git stops at the tag's date); past PROBES tags, one walk of the target's history answers
// the rest, so the search never grows with the number of tags that do not apply.
const PROBES = 12;
const PARALLEL = 4;

/** Release tags among `tags`, highest version first, one per version and prefix (see `oneTagPerVersion`). */
export function releaseTags(tags: TagInfo[], naming: TagNaming): ReleaseTag[] {
  // Parsed once: semver's compare on strings parses both sides on every call.
  const parsed: { tag: ReleaseTag; semver: semver.SemVer }[] = [];
  for (const tag of tags) {
    const version = tagVersion(tag.name, naming);
    if (!version) continue;
    const v = new semver.SemVer(version);
    parsed.push({
      tag: { name: tag.name, version, sha: tag.sha, prerelease: v.prerelease.length > 0 },
      semver: v,
    });
  }
  parsed.sort((a, b) => b.semver.compare(a.semver) || a.tag.name.localeCompare(b.tag.name));
  return oneTagPerVersion(
    parsed.map((p) => p.tag),
    naming,
  );
}

/** Every release tag in the repository, reachable or not (prerelease counters are never reused). */
export async function allReleaseTags(repo: string, naming: TagNaming): Promise<ReleaseTag[]> {
  return releaseTags(await listTags(repo), naming);
}

/**
 * Answers `applies` for releases, highest first, until a stable one applies; once a release of
 * any kind applies, only stable ones are still asked about.
 */
async function search(
  releases: ReleaseTag[],
  applies: (tag: ReleaseTag) => Promise<boolean>,
  walk: (rest: ReleaseTag[]) => Promise<Set<string>>,
): Promise<{ lastStable: ReleaseTag | null; lastAny: ReleaseTag | null }> {
  let lastAny: ReleaseTag | null = null;
  let next = 0;
  let probes = 0;
  const wanted = (tag: ReleaseTag): boolean => lastAny === null || !tag.prerelease;
  while (next < releases.length && probes < PROBES) {
    const batch: ReleaseTag[] = [];
    // The first probe alone: the highest tag usually applies, and then only stable ones are asked.
    const size = Math.min(probes === 0 ? 1 : PARALLEL, PROBES - probes);
    for (; next < releases.length && batch.length < size; next++) {
      if (wanted(releases[next]!)) batch.push(releases[next]!);
    }
    probes += batch.length;
    const answers = await Promise.all(batch.map(applies));
    for (let i = 0; i < batch.length; i++) {
      const tag = batch[i]!;
      if (!answers[i] || !wanted(tag)) continue;
      lastAny ??= tag;
      if (!tag.prerelease) return { lastAny, lastStable: tag };
    }
  }
  const rest = releases.slice(next).filter(wanted);
  if (rest.length === 0) return { lastAny, lastStable: null };
  const applying = await walk(rest);
  for (const tag of rest) {
    if (!applying.has(tag.name)) continue;
    lastAny ??= tag;
    if (!tag.prerelease) return { lastAny, lastStable: tag };
  }
  return { lastAny, lastStable: null };
}

/**
 * The highest releases that apply to `target` (a resolved commit): of any kind, and stable.
 * Several tags on one commit are simply several candidates; tags that are not releases were
 * filtered out of `releases` already (see `allReleaseTags`).
 */
export async function previousReleases(
  repo: string,
  target: string,
  releases: ReleaseTag[],
  options: SearchOptions = {},
): Promise<PreviousReleases> {
  const ancestry = options.ancestry ?? gitAncestry(repo);
  const reaches = (tag: ReleaseTag): Promise<boolean> =>
    tag.sha === target ? Promise.resolve(true) : ancestry.isAncestor(tag.sha, target);
  const reachWalk = (rest: ReleaseTag[]): Promise<Set<string>> => ancestry.mergedInto(target, rest);
  const found = options.mainLine
    ? // A release applies unless it contains the target (a later release of the same line).
      // Past the probes, only the target's own releases are looked at (one walk).
      await search(
        releases,
        async (tag) => tag.sha === target || !(await ancestry.isAncestor(target, tag.sha)),
        reachWalk,
      )
    : await search(releases, reaches, reachWalk);
  const { lastStable, lastAny } = found;
  // Off the main line only reached releases applied; on it, each found one is asked once.
  const reached = (tag: ReleaseTag | null): Promise<boolean> =>
    tag === null || !options.mainLine ? Promise.resolve(true) : reaches(tag);
  const [stableReachable, anyReachable] = await Promise.all([
    reached(lastStable),
    lastAny === lastStable ? null : reached(lastAny),
  ]);
  return { lastStable, lastAny, stableReachable, anyReachable: anyReachable ?? stableReachable };
}
