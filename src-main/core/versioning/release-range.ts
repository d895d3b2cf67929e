import { resolveCommit } from '../git/refs.js';
import type { ReleaseTag } from './previous-release.js';
import { allReleaseTags, previousReleases } from './previous-release.js';

/** A range of history to release or describe, resolved to SHAs. */
export interface ReleaseRange {
  /** The start as the user named it, or the previous release's tag; null for the whole history. */
  from: string | null;
  fromSha: string | null;
  /** The version the range starts from: the `from` tag's, else the newest stable release reachable from it. */
  current: string | null;
  to: string;
  /** The newest release of any kind reachable from `to` (a prerelease may be newer than `current`). */
  latest: ReleaseTag | null;
  /** The highest release tag on `to` itself, if `to` is already released. */
  releasedAt: ReleaseTag | null;
  /** Every release tag in the repository, highest first (prerelease counters are never reused). */
  allReleases: ReleaseTag[];
}

export interface RangeRequest {
  from?: string;
  to?: string;
  /**
   * The tag names that exist as far as this range knows (`replay` looks at the repository as it
   * was before a tag was made); every other tag is ignored. Unset: every tag counts.
   */
  asOfTags?: ReadonlySet<string>;
}

/**
 * Resolves `--from`/`--to` (validated before git sees them; `head` saves resolving HEAD again).
 * Without `from`, the range starts at the newest stable release reachable from `to`; with
 * `skipReleaseAtTo`, a release tagged on `to` itself does not count, so `--to v1.1.0`
 * describes 1.1.0 rather than nothing.
 */
export async function resolveReleaseRange(
  root: string,
  head: string,
  prefix: string,
  request: RangeRequest,
  options: { skipReleaseAtTo?: boolean } = {},
): Promise<ReleaseRange> {
  const [to, fromSha, allReleases] = await Promise.all([
    request.to === undefined ? head : resolveCommit(root, request.to),
    request.from === undefined ? null : resolveCommit(root, request.from),
    allReleaseTags(root, prefix).then((tags) =>
      request.asOfTags === undefined ? tags : tags.filter((tag) => request.asOfTags!.has(tag.name)),
    ),
  ]);
  const releasedAt = allReleases.find((tag) => tag.sha === to) ?? null;
  const candidates = options.skipReleaseAtTo ? allReleases.filter((tag) => tag.sha !== to) : allReleases;
  const reachable = await previousReleases(root, to, candidates);
  const latest = options.skipReleaseAtTo ? (releasedAt ?? reachable.lastAny) : reachable.lastAny;
  const common = { to, latest, releasedAt, allReleases };

  if (request.from !== undefined && fromSha !== null) {
    const named = allReleases.find((tag) => tag.name === request.from && tag.sha === fromSha);
    const current = named
      ? named.version
      : ((await previousReleases(root, fromSha, allReleases)).lastStable?.version ?? null);
    return { from: request.from, fromSha, current, ...common };
  }
  const previous = reachable.lastStable;
  return {
    from: previous?.name ?? null,
    fromSha: previous?.sha ?? null,
    current: previous?.version ?? null,
    ...common,
  };
}
