/**
 * Which version labels the timeline's tag lane can show without any two touching. Dense
 * histories (angular-cli: 640 releases, several lines shipping in the same weeks) are thinned
 * by rank rather than clustered or collapsed: each major, then each line's first release
 * (X.Y.0), then patches, then prereleases, newest first within a rank, each placed only where
 * its measured width is free. A reader finds where every line starts; clustering would hide
 * versions behind counts, and collapsing lines would hide that they shipped side by side. Every
 * release keeps its dot, its tooltip and its row in the list below.
 */
export interface LabelCandidate {
  tag: string;
  version: string;
  x: number;
}

export interface PlacedLabel {
  tag: string;
  x: number;
  anchor: 'start' | 'middle' | 'end';
}

/** 11 px monospace: the width of one character, rounded up. */
export const CHAR_WIDTH = 6.8;
const GAP = 8;

function rank(version: string): number {
  if (version.includes('-')) return 3;
  const [, minor, patch] = version.split('.');
  if (patch !== '0') return 2;
  return minor === '0' ? 0 : 1;
}

/** A label near either edge grows inwards instead of being cut off. */
export function anchorAt(x: number, left: number, right: number): PlacedLabel['anchor'] {
  return x > right - 50 ? 'end' : x < left + 40 ? 'start' : 'middle';
}

function extent(x: number, width: number, anchor: PlacedLabel['anchor']): [number, number] {
  if (anchor === 'start') return [x, x + width];
  if (anchor === 'end') return [x - width, x];
  return [x - width / 2, x + width / 2];
}

/** `candidates` oldest first (as the timeline draws them); the labels that fit, in no particular order. */
export function placeLabels(candidates: LabelCandidate[], left: number, right: number): PlacedLabel[] {
  const order = candidates
    .map((candidate, index) => ({ candidate, index, rank: rank(candidate.version) }))
    .sort((a, b) => a.rank - b.rank || b.index - a.index);
  const taken: [number, number][] = [];
  const placed: PlacedLabel[] = [];
  for (const { candidate } of order) {
    const anchor = anchorAt(candidate.x, left, right);
    const [lo, hi] = extent(candidate.x, candidate.tag.length * CHAR_WIDTH, anchor);
    if (taken.some(([a, b]) => lo < b + GAP && hi > a - GAP)) continue;
    taken.push([lo, hi]);
    placed.push({ tag: candidate.tag, x: candidate.x, anchor });
  }
  return placed;
}
