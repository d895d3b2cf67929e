import semver from 'semver';
import type { PromotableRelease } from '../../../shared/domain/promotion.js';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from '../git/refs.js';
import { readTagDetails } from '../git/tags.js';
import { releaseCreator } from './release-creator.js';
import type { TagDetails } from '../git/tags.js';

export type Release = PromotableRelease;

export const HOTFIX_MARKER = /^Release-Desk-Path:\s*hotfix\s*$/im;

function toReleases(tags: TagDetails[], prefix: string): Release[] {
  const releases: Release[] = [];
  for (const tag of tags) {
    if (!tag.name.startsWith(prefix)) continue;
    const version = tag.name.slice(prefix.length);
    if (semver.valid(version) !== version) continue;
    releases.push({
      version,
      tag: tag.name,
      sha: tag.sha,
      // The tagger, or for a lightweight tag the commit's committer (who else could have made it).
      createdBy: tag.taggerEmail ?? tag.committerEmail,
      createdAt: tag.created || null,
      fastTrack: tag.annotated && HOTFIX_MARKER.test(tag.message),
    });
  }
  return releases;
}

/** Every release tag, newest version first. Tags that are not SemVer after the prefix are not releases. */
export async function listReleases(root: string, prefix: string): Promise<Release[]> {
  const releases = toReleases(await readTagDetails(root), prefix);
  return releases.sort((a, b) => semver.rcompare(a.version, b.version));
}

/** `1.2.0` or `v1.2.0` → the version without the prefix; a clear error for anything else. */
export function versionFromInput(text: string, prefix: string): string {
  const candidate =
    prefix && text.startsWith(prefix) && semver.valid(text.slice(prefix.length))
      ? text.slice(prefix.length)
      : text;
  if (semver.valid(candidate) !== candidate) {
    throw new DeskError(
      'invalid-input',
      `"${text}" is not a release version (e.g. 1.2.0 or ${prefix}1.2.0).`,
    );
  }
  return candidate;
}

/** Resolves a typed version to its release tag and commit, or fails with `not-found`. */
export async function resolveRelease(root: string, text: string, prefix: string): Promise<Release> {
  const version = versionFromInput(text, prefix);
  const tag = assertSafeRefName(`${prefix}${version}`, 'tag');
  const [details] = await readTagDetails(root, tag);
  const [release] = details ? toReleases([details], prefix) : [];
  if (!release) {
    throw new DeskError(
      'not-found',
      `No release ${version}: the tag ${tag} does not exist in this repository.`,
    );
  }
  const creator = await releaseCreator(root, details!);
  return creator === release.createdBy ? release : { ...release, createdBy: creator };
}

/** The email inside `Name <email>`, lower-cased. */
export function emailOf(identity: string): string {
  return (/<([^>]*)>\s*$/.exec(identity)?.[1] ?? identity).trim().toLowerCase();
}
