import semver from 'semver';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';

/**
 * How the policy names release tags: new ones are `tagPrefix` + version; tags behind one of
 * `olderTagPrefixes` (a project that changed its naming) are releases of the same project too.
 */
export type TagNaming = Pick<VersioningPolicy, 'tagPrefix' | 'olderTagPrefixes'>;

/** The naming of a repository without a policy file (and of a broken one without a usable versioning section). */
export const DEFAULT_TAG_NAMING: TagNaming = { tagPrefix: 'v', olderTagPrefixes: [] };

/** A tag name's version after exactly `prefix`, or null (not SemVer, `vv1.2.3`, …). */
function versionAfter(name: string, prefix: string): string | null {
  if (!name.startsWith(prefix)) return null;
  const rest = name.slice(prefix.length);
  // semver.parse accepts a leading `v` or `=` and trims white space (NBSP too): the tag name is
  // taken exactly as written, so `v9.0.0\u00a0` is no release.
  if (!/^\d/.test(rest) || /\s/u.test(rest)) return null;
  return semver.parse(rest)?.version ?? null;
}

/**
 * The release a tag name stands for: its version and its prefix's rank (0 for `tagPrefix`, then
 * the older prefixes in the policy's order), or null when no prefix of the naming reads it.
 */
export function readTagName(name: string, naming: TagNaming): { version: string; rank: number } | null {
  const prefixes = [naming.tagPrefix, ...naming.olderTagPrefixes];
  for (let rank = 0; rank < prefixes.length; rank++) {
    const version = versionAfter(name, prefixes[rank]!);
    if (version !== null) return { version, rank };
  }
  return null;
}

/** The release version a tag name stands for, or null (another prefix, not SemVer, …). */
export function tagVersion(name: string, naming: TagNaming): string | null {
  return readTagName(name, naming)?.version ?? null;
}

/**
 * The tags of `tags` that name their version behind its best-ranked prefix, in the given order: a
 * version tagged behind two prefixes (`18.2.0` and `v18.2.0`) is one release, named by the
 * `tagPrefix` tag. Tags behind one prefix are all kept, as without older prefixes.
 */
export function oneTagPerVersion<T extends { name: string; version: string }>(
  tags: T[],
  naming: TagNaming,
): T[] {
  if (naming.olderTagPrefixes.length === 0) return tags;
  const ranked = tags.map((tag) => ({ tag, rank: readTagName(tag.name, naming)?.rank ?? Infinity }));
  const best = new Map<string, number>();
  for (const { tag, rank } of ranked)
    best.set(tag.version, Math.min(rank, best.get(tag.version) ?? Infinity));
  return ranked.filter(({ tag, rank }) => best.get(tag.version) === rank).map(({ tag }) => tag);
}

/** Every name a release of `version` may have, best-ranked first: `v1.2.0`, then the older prefixes' (`1.2.0`). */
export function versionTagNames(version: string, naming: TagNaming): string[] {
  return [naming.tagPrefix, ...naming.olderTagPrefixes].map((prefix) => `${prefix}${version}`);
}
