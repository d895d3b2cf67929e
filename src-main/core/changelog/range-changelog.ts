import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { firstRead, loadHistory } from '../commits/commit-cache.js';
import { loadKeptGraph } from '../commits/kept-graph.js';
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
import type { RenderedRelease, SectionInputs } from './release-sections.js';
import { releaseSections } from './release-sections.js';
import type { ChangelogRelease, RenderOptions } from './render-markdown.js';
import { joinReleases, loadTemplate, renderMarkdown } from './render-markdown.js';
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

/** A range's notes as one release (its own, or `request.version`'s when unreleased). */
function oneRelease(
  commits: CommitRecord[],
  range: Pick<ReleaseRange, 'releasedAt' | 'from'>,
  versioning: VersioningPolicy,
  request: ChangelogRequest,
  meta: { today: string; authors: MailMap; onlyPackage: PackageFilter },
): ChangelogRelease {
  const released = request.version === undefined ? range.releasedAt : null;
  const version = request.version ?? released?.version ?? null;
  const date = released && commits[0] ? changelogDate(commits[0].date) : meta.today;
  const document = buildChangelog(meta.onlyPackage(commits), versioning, {
    version,
    date,
    authors: meta.authors,
  });
  const tag = released?.name ?? (version === null ? null : `${versioning.tagPrefix}${version}`);
  return { document, tag, previousTag: range.from };
}

function result(releases: RenderedRelease[], warnings: string[]): ChangelogResult {
  return {
    markdown: joinReleases(releases.map((release) => release.markdown)),
    documents: releases.map((release) => release.document),
    warnings,
  };
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
  const { versioning } = policy;
  // The whole history needs no previous release: each commit's release comes from the graph.
  const whole = request.all === true && request.from === undefined;
  const range = whole
    ? {
        ...(await resolveTarget(state.root, state.head, versioning, request)),
        ...{ releasedAt: null, from: null, fromSha: null, currentOnLine: false },
      }
    : await resolveReleaseRange(state.root, state.head, versioning, request, {
        skipReleaseAtTo: true,
      });
  const { fromSha } = range;
  const span = { from: fromSha, to: range.to };
  const today = changelogDate(core.now());
  const render = Promise.all([readRemoteLinks(state.root), loadTemplate(state.root)]).then(
    ([links, template]): RenderOptions => ({ links, template }),
  );
  // The package's commits are asked beside the history read: releases are grouped on the whole
  // graph, then each keeps only what counts for the policy's package (versioning.paths).
  const onlyPackage = packageFilter(state.root, span, versioning.paths);
  // Awaited below; should the history read fail first, its error is the one told.
  for (const started of [render, onlyPackage]) started.catch(() => undefined);
  const warn = (commits: Pick<CommitRecord, 'sha'>[]): string[] => {
    const otherPrefix = otherPrefixesSaid(range, commits, versioning);
    return [...(state.shallow ? [SHALLOW_WARNING] : []), ...(otherPrefix === null ? [] : [otherPrefix])];
  };
  const sectionInputs = async (authors: MailMap, keep: boolean): Promise<SectionInputs> => ({
    versioning,
    authors,
    onlyPackage: await onlyPackage,
    render: await render,
    today,
    version: request.version ?? null,
    keep,
  });

  // A whole history read before: its released sections are kept, so only its graph is read, and
  // only the sections to build are parsed.
  const graph =
    whole && request.leaveOut === undefined
      ? await loadKeptGraph(core, state.root, range.to, state.shallow)
      : null;
  if (graph) {
    const authors = await readMailMap(state.root, authorsOf(graph));
    const releases = await releaseSections(
      core,
      graph,
      range.allReleases,
      await sectionInputs(authors, true),
      async (wanted) => {
        const found = await core.commitCache.find(wanted.map((commit) => commit.sha));
        return found.includes(undefined) ? null : (found as CommitRecord[]);
      },
    );
    if (releases) return result(releases, warn(graph));
  }

  const history = await loadHistory(core, state.root, span);
  const warnings = warn(history.commits);
  const leaveOut = request.leaveOut;
  let commits = leaveOut ? history.commits.filter((c) => !leaveOut.has(c.sha)) : history.commits;
  if (range.currentOnLine && fromSha !== null) {
    const split = await leaveOutReleasedOnLine(core, state.root, range.to, fromSha, commits);
    commits = split.commits;
    if (split.released.length > 0) warnings.push(releasedOnLineWarning(split.released.length, range.from!));
  }
  const authors = await readMailMap(state.root, authorsOf(commits));
  if (request.all) {
    const inputs = await sectionInputs(authors, !firstRead(history));
    const releases = await releaseSections(core, commits, range.allReleases, inputs, async (c) => c);
    return result(releases!, warnings);
  }
  const release = oneRelease(commits, range, versioning, request, {
    today,
    authors,
    onlyPackage: await onlyPackage,
  });
  const options = await render;
  return {
    markdown: await renderMarkdown([release], options),
    documents: [release.document],
    warnings,
  };
}
