import semver from 'semver';
import type { HistoryRelease, ReachedEnvironment, ReleaseHistory } from '../../../shared/domain/history.js';
import type { Core } from '../context.js';
import { listReleases } from '../promotion/release.js';
import type { Release } from '../promotion/release.js';
import { repoSituation } from '../promotion/situation.js';
import { succeededIn } from '../promotion/store.js';
import type { RepositoryRef } from '../repository/repository-context.js';

function byDate(a: HistoryRelease, b: HistoryRelease): number {
  const at = (r: HistoryRelease) => (r.date ? Date.parse(r.date) : 0);
  return at(a) - at(b) || semver.compare(a.version, b.version);
}

/**
 * The release a release's own changes start from, of those below it in SemVer order (highest
 * first). A stable release's notes roll up its prereleases, so it follows a stable one (9.0.0
 * since 8.3.29, not since 9.0.0-rc.14) that existed when it was tagged: a 21.2.21 patched on
 * its own line after 22.0.0 shipped is not where 22.0.0 starts. A prerelease follows the one
 * just below it.
 */
function predecessor(release: Release, lower: Release[]): Release | undefined {
  if (semver.prerelease(release.version) !== null) return lower[0];
  const before = (other: Release) =>
    !release.createdAt || !other.createdAt || Date.parse(other.createdAt) <= Date.parse(release.createdAt);
  return lower.find((other) => semver.prerelease(other.version) === null && before(other));
}

/**
 * Every release on its tag's date, oldest first, with the environments each reached (its
 * succeeded promotions) and where it is live now. Without environments in the policy (or with
 * a policy that does not load) the releases are still listed.
 */
export async function releaseHistory(core: Core, dir: RepositoryRef): Promise<ReleaseHistory> {
  const situation = await repoSituation(core, dir);
  const environments = situation.policy?.environments.map((env) => env.name) ?? [];
  const reached = new Map<string, ReachedEnvironment[]>();
  for (const name of environments) {
    // Most recently finished first: the first row is what is live, the last of a version its first arrival.
    const rows = succeededIn(core.db, situation.root, name);
    const first = new Map<string, string>();
    for (const row of rows) first.set(row.version, row.finishedAt ?? row.startedAt);
    for (const [version, at] of first) {
      const list = reached.get(version) ?? [];
      list.push({ name, at, live: rows[0]?.version === version });
      reached.set(version, list);
    }
  }
  // Highest version first: each release's predecessor is after it.
  const releases = (await listReleases(situation.root, situation.tagNaming)).map(
    (release, index, all): HistoryRelease => ({
      version: release.version,
      tag: release.tag,
      sha: release.sha,
      date: release.createdAt,
      prerelease: semver.prerelease(release.version) !== null,
      previous: predecessor(release, all.slice(index + 1))?.version ?? null,
      environments: reached.get(release.version) ?? [],
    }),
  );
  return { environments, releases: releases.sort(byDate) };
}
