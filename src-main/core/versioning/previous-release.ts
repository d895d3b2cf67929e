import semver from 'semver';
import { git } from '../git/run-git.js';
import type { TagInfo } from '../git/tags.js';
import { listTags } from '../git/tags.js';

/** A tag that names a release: the policy's prefix followed by a SemVer version. */
export interface ReleaseTag {
  name: string;
  /** Normalized SemVer (build metadata dropped). */
  version: string;
  /** The commit the tag points at. */
  sha: string;
  prerelease: boolean;
}

export interface PreviousReleases {
  /** The highest stable release reachable from the target: what bumps are computed against. */
  lastStable: ReleaseTag | null;
  /** The highest release of any kind (a prerelease may be newer than the last stable one). */
  lastAny: ReleaseTag | null;
}

// Reachability is asked of the highest versions first, a batch at a time: git then walks only
// down to those tags instead of the whole history (86 ms → ~5 ms on 100k commits, 1,000 tags).
const FIRST_BATCH = 16;

/** The release version a tag name stands for, or null (other prefix, not SemVer, `vv1.2.3`, …). */
export function tagVersion(name: string, prefix: string): string | null {
  if (!name.startsWith(prefix)) return null;
  const rest = name.slice(prefix.length);
  // semver.parse accepts a leading `v` or `=`: the prefix decides that, not the library.
  if (!/^\d/.test(rest)) return null;
  return semver.parse(rest)?.version ?? null;
}

/** Release tags among `tags`, highest version first. */
export function releaseTags(tags: TagInfo[], prefix: string): ReleaseTag[] {
  // Parsed once: semver's compare on strings parses both sides on every call.
  const parsed: { tag: ReleaseTag; semver: semver.SemVer }[] = [];
  for (const tag of tags) {
    const version = tagVersion(tag.name, prefix);
    if (!version) continue;
    const v = new semver.SemVer(version);
    parsed.push({
      tag: { name: tag.name, version, sha: tag.sha, prerelease: v.prerelease.length > 0 },
      semver: v,
    });
  }
  parsed.sort((a, b) => b.semver.compare(a.semver) || a.tag.name.localeCompare(b.tag.name));
  return parsed.map((p) => p.tag);
}

/** Every release tag in the repository, reachable or not (prerelease counters are never reused). */
export async function allReleaseTags(repo: string, prefix: string): Promise<ReleaseTag[]> {
  return releaseTags(await listTags(repo), prefix);
}

/** Which of `tags` are reachable from `sha`, in one git call. */
async function reachableNames(repo: string, sha: string, tags: ReleaseTag[]): Promise<Set<string>> {
  const refs = tags.map((tag) => `refs/tags/${tag.name}`);
  const out = await git(repo, ['for-each-ref', `--merged=${sha}`, '--format=%(refname:strip=2)', ...refs]);
  return new Set(out.split('\n'));
}

/**
 * The highest releases reachable from `sha` (a resolved commit): of any kind, and stable.
 * Several tags on one commit are simply several candidates; tags that are not releases were
 * filtered out of `releases` already (see `allReleaseTags`).
 */
export async function previousReleases(
  repo: string,
  sha: string,
  releases: ReleaseTag[],
): Promise<PreviousReleases> {
  let lastAny: ReleaseTag | null = null;
  let size = FIRST_BATCH;
  for (let start = 0; start < releases.length; start += size, size *= 2) {
    const batch = releases.slice(start, start + size);
    const reachable = await reachableNames(repo, sha, batch);
    for (const tag of batch) {
      if (!reachable.has(tag.name)) continue;
      lastAny ??= tag;
      if (!tag.prerelease) return { lastAny, lastStable: tag };
    }
  }
  return { lastAny, lastStable: null };
}
