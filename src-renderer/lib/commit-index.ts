import type { CommitSummary, ReleasePlanView } from '../../shared/domain/release.js';

/** Every commit a plan lists, by full SHA, so reasons and reverts can link to theirs. */
export function indexCommits(plan: ReleasePlanView | null): ReadonlyMap<string, CommitSummary> {
  const index = new Map<string, CommitSummary>();
  for (const group of plan?.groups ?? []) for (const commit of group.commits) index.set(commit.sha, commit);
  for (const commit of plan?.nonConventional ?? []) index.set(commit.sha, commit);
  return index;
}

/** The SHAs of the commits that moved the version, so the rest can be marked as not doing so. */
export function bumpingShas(plan: ReleasePlanView): ReadonlySet<string> {
  return new Set(plan.reasons.map((reason) => reason.sha));
}
