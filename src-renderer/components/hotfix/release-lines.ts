import type { HotfixRelease } from '../../../shared/domain/hotfix.js';

/** One release line (`1.2.x`): its newest patch first, then the older ones. */
export interface ReleaseLine {
  line: string;
  latest: HotfixRelease;
  older: HotfixRelease[];
}

/** Groups releases (highest version first, as the API gives them) by line, keeping that order. */
export function releaseLines(releases: HotfixRelease[]): ReleaseLine[] {
  const lines = new Map<string, ReleaseLine>();
  for (const release of releases) {
    const found = lines.get(release.line);
    if (found) found.older.push(release);
    else lines.set(release.line, { line: release.line, latest: release, older: [] });
  }
  return [...lines.values()];
}

/** Releases whose tag, version or line holds every word of `text` (case-insensitive). */
export function matchingReleases(releases: HotfixRelease[], text: string): HotfixRelease[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return releases;
  return releases.filter((release) => {
    const haystack = `${release.tag} ${release.version} ${release.line}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
