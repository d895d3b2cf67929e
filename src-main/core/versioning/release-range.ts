import semver from 'semver';
import type { Ancestry } from '../git/ancestry.js';
import { gitAncestry } from '../git/ancestry.js';
import { findMainLine, type BranchInfo } from '../git/branches.js';
import { resolveCommit } from '../git/refs.js';
import type { TagInfo } from '../git/tags.js';
import { listTags } from '../git/tags.js';
import type { ReleaseTag } from './previous-release.js';
import { previousReleases, releaseTags } from './previous-release.js';
import { siblingLineRelease } from './sibling-line.js';
import type { TagNaming } from './tag-naming.js';

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
  /** Every tag, release or not, with its commit (what says a range holds other prefixes' tags). */
  tags: TagInfo[];
  /**
   * `current` was tagged on a release line cut from the target's history (a shipped train, an
   * `X.Y.x` branch) or on a sibling line of the target's (`21.2.x` for `22.0.x`) rather than
   * reached by it: the target's next release comes after that line.
   */
  currentOnLine: boolean;
  /** Likewise for `latest`: a prerelease of a line cut from the target claims its version. */
  latestOnLine: boolean;
}

export interface RangeRequest {
  from?: string;
  to?: string;
  /**
   * The tag names that exist as far as this range knows (`replay` looks at the repository as it
   * was before a tag was made); every other tag is ignored. Unset: every tag counts.
   */
  asOfTags?: ReadonlySet<string>;
  /** Who answers reachability: `replay` reads the graph once for hundreds of plans. */
  ancestry?: Ancestry;
}

/** The range's end resolved, and the release tags that exist for it (see `asOfTags`). */
export async function resolveTarget(
  root: string,
  head: string,
  naming: TagNaming,
  request: Pick<RangeRequest, 'to' | 'asOfTags'>,
): Promise<{ to: string; allReleases: ReleaseTag[]; tags: TagInfo[] }> {
  const [to, listed] = await Promise.all([
    request.to === undefined ? head : resolveCommit(root, request.to),
    listTags(root),
  ]);
  const asOf = request.asOfTags;
  const tags = asOf === undefined ? listed : listed.filter((tag) => asOf.has(tag.name));
  return { to, allReleases: releaseTags(tags, naming), tags };
}

// How many of the target's own prereleases of a version are asked about (the highest first).
const CLAIM_PROBES = 4;

/**
 * Whether a prerelease tagged on a branch cut from the target stabilizes the target's own
 * prerelease line (the target reaches a prerelease of the same version: Angular's `22.2.x` cut
 * from main's `22.2.0-next.N`), so the target moves past it. A branch whose prereleases run ahead
 * of everything the target reached (Vue's `minor` beside a main of patches) claims nothing.
 */
async function claims(
  ancestry: Ancestry,
  target: string,
  line: ReleaseTag,
  releases: ReleaseTag[],
): Promise<boolean> {
  const version = semver.coerce(line.version)!.version;
  const own = releases
    .filter((tag) => tag !== line && tag.prerelease && semver.coerce(tag.version)!.version === version)
    .slice(0, CLAIM_PROBES);
  const reached = await Promise.all(own.map((tag) => ancestry.isAncestor(tag.sha, target)));
  return reached.includes(true);
}

/**
 * Whether `target` is on the repository's main line (its head or an ancestor of it), where
 * releases tagged on the lines cut from it count too. Without a main branch, only what the
 * target reaches counts, as on a release line.
 */
async function onMainLine(
  mainLine: Promise<BranchInfo | null>,
  target: string,
  ancestry: Ancestry,
): Promise<boolean> {
  const main = await mainLine;
  if (main === null) return false;
  return main.sha === target || ancestry.isAncestor(target, main.sha);
}

/**
 * Resolves `--from`/`--to` (validated before git sees them; `head` saves resolving HEAD again).
 * Without `from`, the range starts at the newest stable release that applies to `to`: reached
 * by it, or, on the main line, tagged on a release line cut from it, or, off it, tagged on a
 * sibling line below the version `to`'s line is at (see `siblingLineRelease`). With
 * `skipReleaseAtTo`, a release tagged on `to` itself does not count, so `--to v1.1.0` describes
 * 1.1.0 rather than nothing.
 */
export async function resolveReleaseRange(
  root: string,
  head: string,
  naming: TagNaming,
  request: RangeRequest,
  options: { skipReleaseAtTo?: boolean } = {},
): Promise<ReleaseRange> {
  // The main line is read beside the tags (two git calls fewer in a row on every plan); it is
  // looked at only without `from`.
  const mainLine = request.from === undefined ? findMainLine(root) : Promise.resolve(null);
  const [{ to, allReleases, tags }, fromSha] = await Promise.all([
    resolveTarget(root, head, naming, request),
    request.from === undefined ? null : resolveCommit(root, request.from),
    mainLine,
  ]);
  const releasedAt = allReleases.find((tag) => tag.sha === to) ?? null;
  const candidates = options.skipReleaseAtTo ? allReleases.filter((tag) => tag.sha !== to) : allReleases;
  const ancestry = request.ancestry ?? gitAncestry(root);
  const onMain = request.from === undefined && (await onMainLine(mainLine, to, ancestry));
  const found = await previousReleases(root, to, candidates, { mainLine: onMain, ancestry });
  let latest = options.skipReleaseAtTo ? (releasedAt ?? found.lastAny) : found.lastAny;
  let latestOnLine = latest !== releasedAt && !found.anyReachable;
  if (latest?.prerelease && latestOnLine && !(await claims(ancestry, to, latest, candidates))) {
    // A line that claims nothing leaves the newest stable release as the latest.
    latest = found.lastStable;
    latestOnLine = !found.stableReachable;
  }
  const common = { to, latest, releasedAt, allReleases, tags, latestOnLine };

  if (request.from !== undefined && fromSha !== null) {
    const named = allReleases.find((tag) => tag.name === request.from && tag.sha === fromSha);
    const current = named
      ? named.version
      : ((await previousReleases(root, fromSha, allReleases)).lastStable?.version ?? null);
    return { from: request.from, fromSha, current, currentOnLine: false, ...common };
  }
  // Off the main line, the line cut before the target's may hold a higher stable release.
  const sibling = onMain ? null : await siblingLineRelease(to, candidates, found, ancestry);
  const previous = sibling ?? found.lastStable;
  return {
    from: previous?.name ?? null,
    fromSha: previous?.sha ?? null,
    current: previous?.version ?? null,
    currentOnLine: sibling !== null || !found.stableReachable,
    ...common,
  };
}
