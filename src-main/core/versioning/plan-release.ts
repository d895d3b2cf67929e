import semver from 'semver';
import type { CommitRecord, ParsedChange } from '../../../shared/domain/commits.js';
import type { ChangelogDocument, ReleaseEntry, ReleasePlanView } from '../../../shared/domain/release.js';
import { buildChangelog, changelogDate } from '../changelog/build-changelog.js';
import type { RemoteLinks } from '../changelog/remote-links.js';
import { readRemoteLinks } from '../changelog/remote-links.js';
import { loadTemplate, renderMarkdown } from '../changelog/render-markdown.js';
import type { HistoryStats } from '../commits/commit-cache.js';
import { loadHistory } from '../commits/commit-cache.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import type { Ancestry } from '../git/ancestry.js';
import { authorsOf, readMailMap } from '../git/mailmap.js';
import type { RepositoryState } from '../git/repository-state.js';
import { SHALLOW_WARNING } from '../git/repository-state.js';
import type { ReleasePolicy } from '../policy/policy-error.js';
import { repositoryContext, requireReleasePolicy } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import type { BumpDecision, PendingPrerelease } from './bump.js';
import { decideBump, nextVersion } from './bump.js';
import type { ReleaseRange } from './release-range.js';
import { resolveReleaseRange } from './release-range.js';
import { otherPrefixesSaid } from './other-prefix-tags.js';
import { packageFilter } from './package-paths.js';
import { openChannels } from './prerelease-channels.js';
import { leaveOutReleasedOnLine, releasedOnLineWarning } from './released-on-line.js';
import { remadeReleaseRange } from './remade-release.js';
import { versionTagNames } from './tag-naming.js';

export interface PlanRequest {
  from?: string;
  to?: string;
  prerelease?: string;
  /** A manual version ("release as …"), checked like the override of `release --as`. */
  releaseAs?: string;
  /** Render the changelog Markdown (the Release screen's preview); off for `next-version`. */
  changelog?: boolean;
  /** Only these tags exist for this plan (see `RangeRequest.asOfTags`). */
  asOfTags?: ReadonlySet<string>;
  /** Who answers reachability (see `RangeRequest.ancestry`). */
  ancestry?: Ancestry;
}

/** Everything the Release screen, `next-version` and `release` need. */
export interface ReleasePlan {
  view: ReleasePlanView;
  state: RepositoryState;
  policy: ReleasePolicy;
  range: ReleaseRange;
  /** The range's commits, newest first, merges included. */
  commits: CommitRecord[];
  decision: BumpDecision;
  links: RemoteLinks | null;
  stats: HistoryStats;
}

/** A manual version must be plain SemVer and above the current release. */
export function checkOverride(version: string, current: string | null): string {
  if (semver.valid(version) !== version) {
    throw new DeskError(
      'invalid-version',
      `"${version}" is not a valid SemVer version (for example 2.0.0 or 2.0.0-rc.1).`,
    );
  }
  if (current !== null && !semver.gt(version, current)) {
    throw new DeskError('invalid-version', `${version} is not greater than the current version ${current}.`);
  }
  return version;
}

/** `index` is the change's place in `commit.changes`: with the SHA, it keys the entry. */
function summary(
  commit: CommitRecord,
  change: ParsedChange | null,
  links: RemoteLinks | null,
  index = 0,
): ReleaseEntry {
  return {
    key: `${commit.sha}:${index}`,
    sha: commit.sha,
    shortSha: commit.sha.slice(0, 7),
    type: change?.type ?? null,
    scope: change?.scope ?? null,
    subject: change?.subject ?? commit.message.split('\n', 1)[0]!,
    breaking: change?.breaking ?? false,
    author: commit.authorName,
    date: commit.date,
    references: change?.references ?? [],
    url: links ? links.commit(commit.sha) : null,
  };
}

/** Conventional changes grouped by type: the policy's sections in order, then other types by name. */
function groupCommits(
  commits: CommitRecord[],
  decision: BumpDecision,
  policy: ReleasePolicy,
  links: RemoteLinks | null,
): ReleasePlanView['groups'] {
  const skip = new Set<string>();
  for (const { sha, by } of decision.cancelled) skip.add(sha).add(by);
  const byType = new Map<string, ReleaseEntry[]>();
  for (const commit of commits) {
    if (commit.parents.length > 1 || skip.has(commit.sha)) continue;
    for (const [index, change] of commit.changes.entries()) {
      if (!change.conventional || change.type === null) continue;
      const list = byType.get(change.type) ?? [];
      list.push(summary(commit, change, links, index));
      byType.set(change.type, list);
    }
  }
  const sections = policy.versioning.sections;
  const types = [
    ...Object.keys(sections).filter((type) => byType.has(type)),
    ...[...byType.keys()].filter((type) => !Object.hasOwn(sections, type)).sort(),
  ];
  return types.map((type) => ({ type, title: sections[type] ?? type, commits: byType.get(type)! }));
}

/** The newest `Release-As` footer, when it names a usable version; otherwise a warning says why not. */
function footerVersion(decision: BumpDecision, current: string | null, warnings: string[]): string | null {
  if (decision.releaseAs === null) return null;
  try {
    return checkOverride(decision.releaseAs, current);
  } catch (error) {
    warnings.push(`Release-As footer ignored: ${(error as Error).message}`);
    return null;
  }
}

/** The newest prerelease above the current release, which the next version continues or passes. */
function pendingPrerelease(range: ReleaseRange): PendingPrerelease | null {
  const latest = range.latest;
  if (latest === null || !latest.prerelease) return null;
  if (range.current !== null && !semver.gt(latest.version, range.current)) return null;
  return { version: latest.version, onLine: range.latestOnLine };
}

/**
 * The commits a release's notes list. A prerelease's notes start after the prerelease before
 * it on the target's own line (`-next.5` lists what is new since `-next.4`, as every peer
 * writes them); a stable release's roll its prereleases up unless the policy says otherwise,
 * then they start after its last prerelease of the same version.
 */
export async function notesCommits(
  core: Core,
  root: string,
  plan: { range: ReleaseRange; next: string | null; commits: CommitRecord[]; policy: ReleasePolicy },
): Promise<CommitRecord[]> {
  const { range, next, commits, policy } = plan;
  const pending = pendingPrerelease(range);
  if (next === null || pending === null || pending.onLine) return commits;
  const prerelease = semver.prerelease(next) !== null;
  if (!prerelease && (policy.changelog.rollUpPrereleases || semver.coerce(pending.version)?.version !== next))
    return commits;
  const latest = range.latest!;
  const after = new Set(
    (await loadHistory(core, root, { from: latest.sha, to: range.to })).commits.map((commit) => commit.sha),
  );
  return commits.filter((commit) => after.has(commit.sha));
}

/**
 * What the next release would be: the range since the last stable release that applies (or
 * `from`), its commits (only new ones parsed) less what a release line shipped already, the bump
 * with its reasons, the version and the changelog. Reads only; changes nothing.
 */
export async function planRelease(
  core: Core,
  repoDir: RepositoryRef,
  request: PlanRequest = {},
): Promise<ReleasePlan> {
  const state = await repositoryContext(core, repoDir);
  const { policy, problem } = requireReleasePolicy(state);
  const withChangelog = request.changelog !== false;
  // Read beside the range and its history; should either fail first, its error is the one told.
  const rendering = Promise.all([
    withChangelog ? readRemoteLinks(state.root) : null,
    withChangelog ? loadTemplate(state.root) : null,
  ]);
  rendering.catch(() => undefined);
  // The package's commits (versioning.paths) are asked beside the history read.
  const read = (span: { from: string | null; to: string }) =>
    Promise.all([
      loadHistory(core, state.root, span),
      packageFilter(state.root, span, policy.versioning.paths),
    ]);
  let range = await resolveReleaseRange(state.root, state.head, policy.versioning, request);
  let [history, onlyPackage] = await read({ from: range.fromSha, to: range.to });
  const remade =
    request.from === undefined ? await remadeReleaseRange(state.root, range, history.commits) : null;
  if (remade !== null) {
    range = remade;
    [history, onlyPackage] = await read({ from: range.fromSha, to: range.to });
  }
  const [links, template] = await rendering;
  const warnings = state.shallow ? [SHALLOW_WARNING] : [];
  // Broken promotion or train keys do not change a release; they are still said, not hidden.
  if (problem)
    warnings.push(
      `${problem.message}\nReleases are unaffected; promotions and trains refuse until it is fixed.`,
    );
  let commits = onlyPackage(history.commits);
  const otherPrefix = otherPrefixesSaid(range, history.commits, policy.versioning);
  if (otherPrefix !== null) warnings.push(otherPrefix);
  if (range.currentOnLine && range.fromSha !== null) {
    const split = await leaveOutReleasedOnLine(core, state.root, range.to, range.fromSha, commits);
    commits = split.commits;
    if (split.released.length > 0) warnings.push(releasedOnLineWarning(split.released.length, range.from!));
  }
  const decision = decideBump(commits, policy.versioning);

  const override = request.releaseAs === undefined ? null : checkOverride(request.releaseAs, range.current);
  const next = nextVersion({
    current: range.current,
    bump: decision.bump,
    policy: policy.versioning,
    prerelease: request.prerelease ?? null,
    existingVersions: range.allReleases.map((tag) => tag.version),
    releaseAs: override ?? footerVersion(decision, range.current, warnings),
    fromLine: range.currentOnLine,
    pending: pendingPrerelease(range),
  });
  const tagName = next === null ? null : `${policy.versioning.tagPrefix}${next}`;
  // Behind an older prefix too: `1.3.0` is the release 1.3.0, which `v1.3.0` would repeat.
  const names = next === null ? [] : versionTagNames(next, policy.versioning);
  const taken = range.allReleases.find((tag) => names.includes(tag.name));
  const blocked =
    taken === undefined ? null : `The tag ${taken.name} already exists: releasing it would be refused.`;
  if (blocked !== null) warnings.push(blocked);

  let document: ChangelogDocument | null = null;
  if (withChangelog) {
    const notes = await notesCommits(core, state.root, { range, next, commits, policy });
    const authors = await readMailMap(state.root, authorsOf(notes));
    document = buildChangelog(notes, policy.versioning, {
      version: next,
      date: changelogDate(core.now()),
      authors,
    });
  }
  const changelog =
    document === null
      ? ''
      : await renderMarkdown([{ document, tag: tagName, previousTag: range.from }], { links, template });
  const nonConventional = new Set(decision.nonConventional);
  const view: ReleasePlanView = {
    current: range.current,
    next,
    bump: decision.bump,
    from: range.from,
    to: range.to,
    tagName,
    commitCount: commits.filter((commit) => commit.parents.length <= 1).length,
    reasons: decision.reasons,
    groups: groupCommits(commits, decision, policy, links),
    nonConventional: commits.filter((c) => nonConventional.has(c.sha)).map((c) => summary(c, null, links)),
    cancelled: decision.cancelled,
    changelog,
    warnings,
    blocked,
    latestPrerelease: range.latest?.prerelease ? range.latest.name : null,
    ...openChannels(range.allReleases, range.latest),
  };
  return { view, state, policy, range, commits, decision, links, stats: history.stats };
}
