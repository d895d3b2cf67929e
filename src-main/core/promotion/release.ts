import semver from 'semver';
import type { PromotableRelease } from '../../../shared/domain/promotion.js';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from '../git/refs.js';
import { readTagDetails } from '../git/tags.js';
import { oneTagPerVersion, readTagName, tagVersion, versionTagNames } from '../versioning/tag-naming.js';
import type { TagNaming } from '../versioning/tag-naming.js';
import { releaseCreator } from './release-creator.js';
import type { TagDetails } from '../git/tags.js';

export type Release = PromotableRelease;

export const HOTFIX_MARKER = /^Release-Desk-Path:\s*hotfix\s*$/im;

function toReleases(tags: TagDetails[], naming: TagNaming): Release[] {
  const named: (TagDetails & { version: string })[] = [];
  for (const tag of tags) {
    const version = tagVersion(tag.name, naming);
    // A promotion names its release by the exact version: `v1.2.0+build` is not one.
    if (version !== null && tag.name.endsWith(version)) named.push({ ...tag, version });
  }
  return oneTagPerVersion(named, naming).map((tag) => ({
    version: tag.version,
    tag: tag.name,
    sha: tag.sha,
    // The tagger, or for a lightweight tag the commit's committer (who else could have made it).
    createdBy: tag.taggerEmail ?? tag.committerEmail,
    createdAt: tag.created || null,
    fastTrack: tag.annotated && HOTFIX_MARKER.test(tag.message),
  }));
}

/** Every release tag, newest version first. Tags that are not SemVer after a prefix are not releases. */
export async function listReleases(root: string, naming: TagNaming): Promise<Release[]> {
  const releases = toReleases(await readTagDetails(root), naming);
  return releases.sort((a, b) => semver.rcompare(a.version, b.version));
}

/** `1.2.0` or `v1.2.0` (or behind an older prefix) → the version; a clear error for anything else. */
export function versionFromInput(text: string, naming: TagNaming): string {
  const read = readTagName(text, naming);
  // Build metadata is no part of a promotion's version: `1.2.0+b` stays invalid input.
  const candidate = read !== null && text.endsWith(read.version) ? read.version : text;
  if (semver.valid(candidate) !== candidate) {
    throw new DeskError(
      'invalid-input',
      `"${text}" is not a release version (e.g. 1.2.0 or ${naming.tagPrefix}1.2.0).`,
    );
  }
  return candidate;
}

/** Resolves a typed version to its release tag (the best-ranked prefix's) and commit, or fails with `not-found`. */
export async function resolveRelease(root: string, text: string, naming: TagNaming): Promise<Release> {
  const version = versionFromInput(text, naming);
  const names = versionTagNames(version, naming).map((name) => assertSafeRefName(name, 'tag'));
  const found = await Promise.all(names.map((name) => readTagDetails(root, name)));
  const details = found.find((tags) => tags.length > 0)?.[0];
  const [release] = details ? toReleases([details], naming) : [];
  if (!release) {
    throw new DeskError(
      'not-found',
      `No release ${version}: the tag ${names.join(' or ')} does not exist in this repository.`,
    );
  }
  const creator = await releaseCreator(root, details!);
  return creator === release.createdBy ? release : { ...release, createdBy: creator };
}

/** The email inside `Name <email>`, lower-cased. */
export function emailOf(identity: string): string {
  return (/<([^>]*)>\s*$/.exec(identity)?.[1] ?? identity).trim().toLowerCase();
}
