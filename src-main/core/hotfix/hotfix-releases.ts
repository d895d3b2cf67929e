import semver from 'semver';
import type { HotfixRelease } from '../../../shared/domain/hotfix.js';
import { branchHead } from '../git/branches.js';
import { readTagDetails } from '../git/tags.js';
import { repositoryContext, requirePolicy } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { releaseTags } from '../versioning/previous-release.js';
import type { ReleaseTag } from '../versioning/previous-release.js';
import type { TagNaming } from '../versioning/tag-naming.js';

/** Stable release tags with their dates, highest version first. */
export async function releasedVersions(root: string, naming: TagNaming): Promise<HotfixRelease[]> {
  const details = await readTagDetails(root);
  const dates = new Map(details.map((tag) => [tag.name, tag.created]));
  const tags = details.map(({ name, sha }) => ({ name, sha }));
  const stable = releaseTags(tags, naming).filter((tag) => !tag.prerelease);
  const latestOfLine = new Map<string, string>();
  for (const tag of stable) {
    const line = lineOf(tag.version);
    if (!latestOfLine.has(line)) latestOfLine.set(line, tag.name);
  }
  return stable.map((tag) => ({
    tag: tag.name,
    version: tag.version,
    sha: tag.sha,
    date: dates.get(tag.name) ?? '',
    line: lineOf(tag.version),
    latestOfLine: latestOfLine.get(lineOf(tag.version)) === tag.name,
  }));
}

export function lineOf(version: string): string {
  return `${semver.major(version)}.${semver.minor(version)}.x`;
}

/**
 * The first patch after `base` whose tag and hotfix branch are both free: a 1.2.4 made by
 * someone else (or an earlier hotfix) moves this one to 1.2.5.
 */
export async function nextFreePatch(root: string, base: string, releases: ReleaseTag[]): Promise<string> {
  const taken = new Set(releases.map((r) => r.version));
  let version = semver.inc(base, 'patch')!;
  while (taken.has(version) || (await branchHead(root, `hotfix/${version}`)) !== null) {
    version = semver.inc(version, 'patch')!;
  }
  return version;
}

/** The released versions a hotfix can start from, for the repository at `path`. */
export async function hotfixReleases(path: RepositoryRef): Promise<HotfixRelease[]> {
  const repo = await repositoryContext(null, path);
  return releasedVersions(repo.root, requirePolicy(repo).versioning);
}
