import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { loadHistory } from '../commits/commit-cache.js';
import type { Core } from '../context.js';
import type { MailMap } from '../git/mailmap.js';
import { authorsOf, readMailMap } from '../git/mailmap.js';
import { SHALLOW_WARNING } from '../git/repository-state.js';
import { repositoryContext, requireReleasePolicy } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import type { ReleaseRange } from '../versioning/release-range.js';
import { resolveReleaseRange, resolveTarget } from '../versioning/release-range.js';
import { otherPrefixesSaid } from '../versioning/other-prefix-tags.js';
import type { PackageFilter } from '../versioning/package-paths.js';
import { packageFilter } from '../versioning/package-paths.js';
import { leaveOutReleasedOnLine, releasedOnLineWarning } from '../versioning/released-on-line.js';
import { buildChangelog, changelogDate } from './build-changelog.js';
import { groupByRelease } from './release-groups.js';
import type { ChangelogRelease } from './render-markdown.js';
import { loadTemplate, renderMarkdown } from './render-markdown.js';
import { readRemoteLinks } from './remote-links.js';

export interface ChangelogRequest {
  from?: string;
  to?: string;
  /** The version to head an unreleased range with. */
  version?: string;
  /** Every release in the range, each its own section (default: the range as one release). */
  all?: boolean;
  /** Commits to leave out of the notes (a comparison's changes both ends already have as copies). */
  leaveOut?: ReadonlySet<string>;
}

export interface ChangelogResult {
  markdown: string;
  /** Newest first; exactly one unless `all`. */
  documents: ChangelogDocument[];
  warnings: string[];
}

/**
 * The releases to render. Kept apart so the commits are garbage once their documents exist:
 * on a 100k-commit history that lowers the peak memory of rendering.
 */
function releasesOf(
  commits: CommitRecord[],
  range: Pick<ReleaseRange, 'allReleases' | 'releasedAt' | 'from'>,
  versioning: VersioningPolicy,
  request: ChangelogRequest,
  meta: { today: string; authors: MailMap; onlyPackage: PackageFilter },
): ChangelogRelease[] {
  const { today, authors, onlyPackage } = meta;
  const prefix = versioning.tagPrefix;
  if (request.all) {
    return groupByRelease(commits, range.allReleases).map((group) => {
      const version = group.release?.version ?? request.version ?? null;
      // A release usually owns its own commit (a lower release can own it when tags are out of
      // order): searching the group first spares a map of every commit's date.
      const sha = group.release?.sha;
      const own = (commit: CommitRecord): boolean => commit.sha === sha;
      const date = sha ? changelogDate((group.commits.find(own) ?? commits.find(own))!.date) : today;
      return {
        document: buildChangelog(onlyPackage(group.commits), versioning, { version, date, authors }),
        tag: group.release?.name ?? (version === null ? null : `${prefix}${version}`),
        previousTag: group.previous?.name ?? null,
      };
    });
  }
  const released = request.version === undefined ? range.releasedAt : null;
  const version = request.version ?? released?.version ?? null;
  const date = released && commits[0] ? changelogDate(commits[0].date) : today;
  const document = buildChangelog(onlyPackage(commits), versioning, { version, date, authors });
  const tag = released?.name ?? (version === null ? null : `${prefix}${version}`);
  return [{ document, tag, previousTag: range.from }];
}

/**
 * Release notes for any range. By default `to` (HEAD) back to the previous stable release; when
 * `to` is itself a release, that release's notes. With `all`, the whole history (or `from..to`)
 * split into one section per release, as a regenerated CHANGELOG.md would hold it.
 */
export async function changelogForRange(
  core: Core,
  repoDir: RepositoryRef,
  request: ChangelogRequest,
): Promise<ChangelogResult> {
  const state = await repositoryContext(core, repoDir);
  const { policy } = requireReleasePolicy(state);
  const prefix = policy.versioning.tagPrefix;
  // The whole history needs no previous release: each commit's release comes from the graph.
  const whole = request.all === true && request.from === undefined;
  const range = whole
    ? {
        ...(await resolveTarget(state.root, state.head, prefix, request)),
        ...{ releasedAt: null, from: null, fromSha: null, currentOnLine: false },
      }
    : await resolveReleaseRange(state.root, state.head, prefix, request, { skipReleaseAtTo: true });
  const { fromSha } = range;
  const warnings = state.shallow ? [SHALLOW_WARNING] : [];
  const span = { from: fromSha, to: range.to };
  const [releases, links, template] = await Promise.all([
    // The package's commits are asked beside the history read: releases are grouped on the
    // whole graph, then each keeps only what counts for the policy's package (versioning.paths).
    Promise.all([
      loadHistory(core, state.root, span),
      packageFilter(state.root, span, policy.versioning.paths),
    ]).then(async ([history, onlyPackage]) => {
      const otherPrefix = otherPrefixesSaid(range, history.commits, policy.versioning);
      if (otherPrefix !== null) warnings.push(otherPrefix);
      const leaveOut = request.leaveOut;
      let commits = leaveOut ? history.commits.filter((c) => !leaveOut.has(c.sha)) : history.commits;
      if (range.currentOnLine && fromSha !== null) {
        const split = await leaveOutReleasedOnLine(core, state.root, range.to, fromSha, commits);
        commits = split.commits;
        if (split.released.length > 0)
          warnings.push(releasedOnLineWarning(split.released.length, range.from!));
      }
      const authors = await readMailMap(state.root, authorsOf(commits));
      return releasesOf(commits, range, policy.versioning, request, {
        today: changelogDate(core.now()),
        authors,
        onlyPackage,
      });
    }),
    readRemoteLinks(state.root),
    loadTemplate(state.root),
  ]);
  return {
    markdown: await renderMarkdown(releases, { links, template }),
    documents: releases.map((release) => release.document),
    warnings,
  };
}
