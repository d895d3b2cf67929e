import type { BumpLevel } from '../../../shared/domain/commits.js';
import type { BumpReasonView } from '../../../shared/domain/release.js';

const RANK: Record<BumpLevel, number> = { major: 0, minor: 1, patch: 2 };
const LEVELS: BumpLevel[] = ['major', 'minor', 'patch'];

export interface WhySummary {
  /** Commits per bump level, each counted once at its highest level; levels without any left out. */
  counts: { bump: BumpLevel; commits: number }[];
  /** The reasons at the highest level: the ones that decide the version. */
  decisive: BumpReasonView[];
  /** Every reason, highest level first, in commit order within a level. */
  all: BumpReasonView[];
}

/**
 * What the Why list shows. A first release can have thousands of reasons, so the version is
 * explained by counts per level and the few reasons at the deciding level.
 */
export function summarizeWhy(reasons: readonly BumpReasonView[]): WhySummary {
  const all = reasons.toSorted((a, b) => RANK[a.bump] - RANK[b.bump]);
  const levelOf = new Map<string, BumpLevel>();
  for (const reason of all) if (!levelOf.has(reason.sha)) levelOf.set(reason.sha, reason.bump);
  const counts = LEVELS.map((bump) => ({
    bump,
    commits: [...levelOf.values()].filter((level) => level === bump).length,
  })).filter((count) => count.commits > 0);
  const top = all[0]?.bump;
  return { counts, decisive: all.filter((reason) => reason.bump === top), all };
}

/** "major: 1 commit · minor: 41 commits · patch: 120 commits". */
export function countsText(counts: WhySummary['counts']): string {
  return counts.map((c) => `${c.bump}: ${c.commits} ${c.commits === 1 ? 'commit' : 'commits'}`).join(' · ');
}
