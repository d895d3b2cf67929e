import semver from 'semver';
import type { Ancestry } from '../git/ancestry.js';
import type { PreviousReleases, ReleaseTag } from './previous-release.js';

// How many of the highest candidates are asked about, side by side (one walk through git:
// questions about one commit share a process; `replay` answers them in memory).
const PROBES = 12;

/**
 * The previous stable release of a target off the main line, when it was tagged on a sibling
 * line: a line cut from main (`22.0.x`) reaches main's prereleases (`22.0.0-rc.3`) but none of
 * the stable releases of the line cut before it (`21.2.14` on `21.2.x`). That is the highest
 * stable release below the version the target's line is at (the newest release it reaches),
 * above the stable release it reaches, and not made on top of the target (a later release).
 * Null when the target reaches no prerelease above its stable release, or none qualifies.
 *
 * Every stable release above `found.lastStable` is unreachable already (the search took the
 * highest reached one): the candidates are a filter of the sorted list, and only the highest
 * few are asked whether they contain the target, so the search never grows with the tags.
 */
export async function siblingLineRelease(
  target: string,
  releases: ReleaseTag[],
  found: Pick<PreviousReleases, 'lastAny' | 'lastStable'>,
  ancestry: Ancestry,
): Promise<ReleaseTag | null> {
  const lineAt = found.lastAny;
  if (lineAt === null || !lineAt.prerelease) return null;
  const at = new semver.SemVer(lineAt.version);
  const floor = found.lastStable === null ? null : new semver.SemVer(found.lastStable.version);
  const candidates: ReleaseTag[] = [];
  // Highest first: past the floor, nothing lower can be a candidate.
  for (const tag of releases) {
    if (candidates.length === PROBES) break;
    const version = new semver.SemVer(tag.version);
    if (floor !== null && version.compare(floor) <= 0) break;
    if (!tag.prerelease && version.compare(at) < 0) candidates.push(tag);
  }
  const later = await Promise.all(candidates.map((tag) => ancestry.isAncestor(target, tag.sha)));
  return candidates.find((_, i) => !later[i]) ?? null;
}
