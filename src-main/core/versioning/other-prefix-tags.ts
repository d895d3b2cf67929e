import semver from 'semver';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { TagInfo } from '../git/tags.js';
import type { TagNaming } from './tag-naming.js';

// A tag that is a SemVer version behind some prefix: the prefix is what comes before the first digit.
const PREFIXED = /^(\D*)(\d.*)$/;

/** A tag that names a version behind none of the naming's prefixes (`18.2.0`, `pkg-v1.2.3`, `@s/p@1.0.0`). */
export function otherPrefixVersion(
  name: string,
  naming: TagNaming,
): { prefix: string; version: string; prerelease: boolean } | null {
  const [, other = '', rest = ''] = PREFIXED.exec(name) ?? [];
  if (other === naming.tagPrefix || naming.olderTagPrefixes.includes(other)) return null;
  const parsed = semver.parse(rest);
  if (parsed === null || parsed.version !== rest) return null;
  return { prefix: other, version: parsed.version, prerelease: parsed.prerelease.length > 0 };
}

/**
 * Said when the range (its commits' positions, newest 0) holds releases tagged behind other prefixes: a monorepo tagging each
 * package (`conventional-changelog-angular-v9.4.0`), or a project that changed its prefix. Release
 * Desk reads only its own prefix's, so without the hint a plan silently counts from a release
 * years old. Null when the range holds none.
 */
export function otherPrefixWarning(
  tags: TagInfo[],
  inRange: ReadonlyMap<string, number>,
  naming: TagNaming,
  from: string | null,
): string | null {
  const prefix = naming.tagPrefix;
  const found: { name: string; at: number; prefix: string; version: string }[] = [];
  for (const tag of tags) {
    const at = inRange.get(tag.sha);
    const other = at === undefined ? null : otherPrefixVersion(tag.name, naming);
    if (other !== null) found.push({ name: tag.name, at: at!, ...other });
  }
  if (found.length === 0) return null;
  // The newest first: where the range's commits place them, then the higher version. The newest
  // one's prefix is what the project tags with now (an older `pkg@1.0.0` style may be more numerous).
  found.sort((a, b) => a.at - b.at || semver.rcompare(a.version, b.version));
  const examples = found.slice(0, 2).map((tag) => tag.name);
  const likely = found[0]!.prefix;
  const total = found.length;
  const since = from === null ? 'in this range' : `since ${from}`;
  const tagged = `${total} ${total === 1 ? 'tag' : 'tags'} ${since} name${total === 1 ? 's' : ''} a version behind another prefix (e.g. ${examples.join(', ')})`;
  const read = [prefix, ...naming.olderTagPrefixes].map((p) => JSON.stringify(p)).join(' or ');
  const keys =
    naming.olderTagPrefixes.length > 0 ? 'versioning.tagPrefix, olderTagPrefixes' : 'versioning.tagPrefix';
  const reads = `Release Desk reads only tags ${read} followed by a version (${keys})`;
  // Tagged with and without the `v` (angular-cli's 13.x–18.x as `18.2.0`): the project's own
  // earlier releases, read as such behind an older prefix.
  const bare = prefix.replace(/v$/, '');
  if (found.every((tag) => tag.prefix === bare || tag.prefix === `${bare}v`)) {
    const older = [...naming.olderTagPrefixes, found[0]!.prefix].map((p) => JSON.stringify(p)).join(', ');
    return `${tagged}: ${reads} and does not see these as releases; if they are this project's earlier releases, set versioning.olderTagPrefixes: [${older}].`;
  }
  const fix =
    new Set(found.map((tag) => tag.prefix)).size > 1
      ? `to version one package of a monorepo, set versioning.tagPrefix to its prefix (e.g. "${likely}") and versioning.paths to its directory`
      : `if the project tags its releases so, set versioning.tagPrefix to "${likely}"`;
  return `${tagged}: ${reads}; ${fix}.`;
}

/**
 * The warning for a range read under `versioning`, or null. A package of a monorepo already
 * chosen (`versioning.paths`) is not told about its siblings' tags.
 */
export function otherPrefixesSaid(
  range: { tags: TagInfo[]; from: string | null },
  commits: Pick<CommitRecord, 'sha'>[],
  versioning: Pick<VersioningPolicy, 'tagPrefix' | 'olderTagPrefixes' | 'paths'>,
): string | null {
  if (versioning.paths.length > 0) return null;
  // Most repositories have no such tag: the range's commits are only looked through for those
  // that do, instead of a map of every commit (20k entries on a long history).
  const tagged = new Set<string>();
  for (const tag of range.tags) if (otherPrefixVersion(tag.name, versioning) !== null) tagged.add(tag.sha);
  if (tagged.size === 0) return null;
  const inRange = new Map<string, number>();
  commits.forEach((commit, at) => tagged.has(commit.sha) && inRange.set(commit.sha, at));
  return otherPrefixWarning(range.tags, inRange, versioning, range.from);
}
