import type { CommitRecord } from '../../../shared/domain/commits.js';
import { loadHistory } from '../commits/commit-cache.js';
import type { Core } from '../context.js';
import { packageFilter } from '../versioning/package-paths.js';
import type { ReleaseRange } from '../versioning/release-range.js';

// What a replayed release's range holds besides the commits its plan counts: what shipped notes
// often list and Release Desk's leave out, each for its own reason.

/** The newest prerelease between the range's start and its end, with what it released (cached). */
export async function prereleaseInRange(
  core: Core,
  root: string,
  range: ReleaseRange,
): Promise<{ name: string; shas: Set<string> } | null> {
  const latest = range.latest;
  if (latest === null || !latest.prerelease || latest.sha === range.to || latest.sha === range.fromSha)
    return null;
  const history = await loadHistory(core, root, { from: range.fromSha, to: latest.sha });
  return { name: latest.name, shas: new Set(history.commits.map((commit) => commit.sha)) };
}

/**
 * The range's commits the plan left out (cached): those released already on the line it counts
 * from, and, for one package of a monorepo, those that change none of its paths.
 */
export async function leftOut(
  core: Core,
  root: string,
  range: ReleaseRange,
  planned: CommitRecord[],
  paths: string[],
): Promise<{
  releasedOnLine: { tag: string; commits: CommitRecord[] } | null;
  outsidePaths: CommitRecord[];
}> {
  const onLine = range.currentOnLine && range.from !== null;
  if (!onLine && paths.length === 0) return { releasedOnLine: null, outsidePaths: [] };
  const span = { from: range.fromSha, to: range.to };
  const [all, onlyPackage] = await Promise.all([
    loadHistory(core, root, span),
    packageFilter(root, span, paths),
  ]);
  const inPackage = new Set(onlyPackage(all.commits).map((commit) => commit.sha));
  const kept = new Set(planned.map((commit) => commit.sha));
  const picked = all.commits.filter((commit) => inPackage.has(commit.sha) && !kept.has(commit.sha));
  return {
    releasedOnLine: onLine && picked.length > 0 ? { tag: range.from!, commits: picked } : null,
    outsidePaths: all.commits.filter((commit) => !inPackage.has(commit.sha)),
  };
}
