import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { loadHistory } from '../commits/commit-cache.js';
import type { Core } from '../context.js';
import { inspectRepository, SHALLOW_WARNING } from '../git/repository-state.js';
import { loadPolicy } from '../policy/load-policy.js';
import type { ReleaseRange } from '../versioning/release-range.js';
import { resolveReleaseRange } from '../versioning/release-range.js';
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
  range: ReleaseRange,
  versioning: VersioningPolicy,
  request: ChangelogRequest,
  today: string,
): ChangelogRelease[] {
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
        document: buildChangelog(group.commits, versioning, { version, date }),
        tag: group.release?.name ?? (version === null ? null : `${prefix}${version}`),
        previousTag: group.previous?.name ?? null,
      };
    });
  }
  const released = request.version === undefined ? range.releasedAt : null;
  const version = request.version ?? released?.version ?? null;
  const date = released && commits[0] ? changelogDate(commits[0].date) : today;
  const document = buildChangelog(commits, versioning, { version, date });
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
  repoDir: string,
  request: ChangelogRequest,
): Promise<ChangelogResult> {
  const state = await inspectRepository(repoDir);
  const policy = await loadPolicy(state.root);
  const prefix = policy.versioning.tagPrefix;
  const range = await resolveReleaseRange(state.root, state.head, prefix, request, { skipReleaseAtTo: true });
  const fromSha = request.all && request.from === undefined ? null : range.fromSha;
  const [releases, links, template] = await Promise.all([
    loadHistory(core, state.root, { from: fromSha, to: range.to }).then((history) =>
      releasesOf(history.commits, range, policy.versioning, request, changelogDate(core.now())),
    ),
    readRemoteLinks(state.root),
    loadTemplate(state.root),
  ]);
  return {
    markdown: await renderMarkdown(releases, { links, template }),
    documents: releases.map((release) => release.document),
    warnings: state.shallow ? [SHALLOW_WARNING] : [],
  };
}
