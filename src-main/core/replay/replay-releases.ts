import { randomUUID } from 'node:crypto';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ReplayDisagreement, ReplayReport } from '../../../shared/domain/replay.js';
import { buildChangelog, changelogDate } from '../changelog/build-changelog.js';
import { CHANGELOG_FILE } from '../changelog/changelog-file.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { readFileAtCommits } from '../git/files-at.js';
import { packageHome } from '../versioning/package-paths.js';
import { prereleaseChannel } from '../versioning/prerelease-channels.js';
import { inPackage } from '../versioning/version-files.js';
import { repositoryContext, requireReleasePolicy } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { notesCommits, planRelease } from '../versioning/plan-release.js';
import { leftOut, prereleaseInRange } from './range-left-out.js';
import type { Ancestry } from '../git/ancestry.js';
import { readAncestry } from '../git/ancestry.js';
import { compareNotes } from './notes-cause.js';
import type { LinkedNoteEntry } from './notes-section.js';
import { linkedNoteEntries, versionSection } from './notes-section.js';
import type { Timeline, TimelineRelease } from './tag-timeline.js';
import { releaseTimeline, variantReleases } from './tag-timeline.js';
import { hiddenReleases, madeBefore } from './other-prefix.js';
import { versionCause } from './version-cause.js';

export interface ReplayRequest {
  /** Start at this release tag (and go on to older ones). */
  since?: string;
  /** At most this many releases. */
  limit?: number;
}

// Releases replayed side by side: each is a handful of short git calls, so a few in flight
// keep git busy while the last one's answer is parsed.
const IN_FLIGHT = 4;

/** The releases to replay, newest first, as `since` and `limit` ask; variants are not among them. */
function selectReleases(
  timeline: TimelineRelease[],
  variants: Set<TimelineRelease>,
  request: ReplayRequest,
): { release: TimelineRelease; index: number }[] {
  const newestFirst = timeline
    .map((release, index) => ({ release, index }))
    .filter(({ release }) => !variants.has(release))
    .reverse();
  let start = 0;
  if (request.since !== undefined) {
    const variant = [...variants].find((release) => release.name === request.since);
    if (variant !== undefined) {
      throw new DeskError(
        'not-found',
        `${variant.name} is a variant tag of a released version (a prerelease tagged after its stable release), left out of the replay: --since takes a release tag such as ${newestFirst[0]!.release.name}.`,
      );
    }
    start = newestFirst.findIndex(({ release }) => release.name === request.since);
    if (start === -1) {
      throw new DeskError(
        'not-found',
        `No release tag "${request.since}" to start from: --since takes a release tag such as ${newestFirst[0]!.release.name}.`,
      );
    }
  }
  return newestFirst.slice(start, request.limit === undefined ? undefined : start + request.limit);
}

/** The message for a repository where the prefix sees no release tag. */
function noReleases(prefix: string, tagNames: string[]): DeskError {
  const example = tagNames.find((name) => /\d+\.\d+\.\d+/.test(name));
  const seen =
    tagNames.length === 0
      ? 'the repository has no tags'
      : `none of its ${tagNames.length} tags is "${prefix}" followed by a SemVer version${example ? ` (e.g. "${example}")` : ''}`;
  return new DeskError(
    'not-found',
    `No release tags to replay: ${seen}. Release tags are versioning.tagPrefix + SemVer (set tagPrefix in .release-desk.yml).`,
  );
}

/** Each release's CHANGELOG.md section at its tag, read in one git call (null: no such section). */
async function shippedNotes(
  root: string,
  releases: TimelineRelease[],
  versioning: Pick<VersioningPolicy, 'tagPrefix' | 'paths'>,
): Promise<(LinkedNoteEntry[] | null)[]> {
  const prefix = versioning.tagPrefix;
  const notes: (LinkedNoteEntry[] | null)[] = releases.map(() => null);
  await readFileAtCommits(
    root,
    // A monorepo package's own CHANGELOG.md, in its directory (versioning.paths).
    inPackage(packageHome(versioning.paths), CHANGELOG_FILE),
    releases.map((release) => release.sha),
    (index, text) => {
      const section = text === null ? null : versionSection(text, releases[index]!.version, prefix);
      notes[index] = section === null ? null : linkedNoteEntries(section);
    },
  );
  return notes;
}

/**
 * Replays past releases, newest first: for each release tag, the repository as it was just
 * before the tag was made (later tags and the tag itself ignored, in memory only), the version
 * Release Desk would have given the tagged commit (with the tag's prerelease channel) and the
 * entries its notes would have listed, against the shipped tag and its CHANGELOG.md section.
 * Reads only; changes nothing.
 */
export async function replayReleases(
  core: Core,
  repoDir: RepositoryRef,
  request: ReplayRequest = {},
  options: { job?: string } = {},
): Promise<ReplayReport> {
  const state = await repositoryContext(core, repoDir);
  const { policy } = requireReleasePolicy(state);
  const prefix = policy.versioning.tagPrefix;
  const {
    releases: timeline,
    tagNames,
    otherPrefixed,
  } = await releaseTimeline(state.root, policy.versioning);
  if (timeline.length === 0) throw noReleases(prefix, tagNames);
  // Variants stay in the timeline: later releases were made with those tags in the repository.
  const variants = variantReleases(timeline);
  const selected = selectReleases(timeline, variants, request);
  const job = options.job ?? `replay-${randomUUID()}`;
  const total = selected.length;
  const progress = (done: number, message: string, finished = false): void =>
    core.progress({ job, kind: 'replay', message, done, total, finished });
  progress(0, `Replaying ${total} ${total === 1 ? 'release' : 'releases'}`);
  const [notes, ancestry] = await Promise.all([
    shippedNotes(
      state.root,
      selected.map(({ release }) => release),
      policy.versioning,
    ),
    // Hundreds of plans ask about one history: its graph is read once.
    readAncestry(
      state.root,
      timeline.map((release) => release.sha),
    ),
  ]);

  const outcomes: Outcome[] = new Array<Outcome>(total);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < total; i = next++) {
      const { release, index } = selected[i]!;
      const history = { root: state.root, ancestry, prefix, otherPrefixed };
      outcomes[i] = await replayOne(core, history, timeline, index, notes[i]!).catch((error: unknown) =>
        failed(release, error),
      );
      progress(++done, `Replayed ${release.name} (${done} of ${total})`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, total) }, worker));
  progress(done, `Replayed ${total} ${total === 1 ? 'release' : 'releases'}`, true);

  const disagreements = outcomes.flatMap((outcome) => outcome.disagreements);
  const causes = new Map<string, number>();
  for (const { cause } of disagreements) causes.set(cause, (causes.get(cause) ?? 0) + 1);
  return {
    releases: total,
    versionsAgreed: outcomes.filter((o) => o.versionAgreed).length,
    notesCompared: outcomes.filter((o) => o.notesAgreed !== null).length,
    notesAgreed: outcomes.filter((o) => o.notesAgreed === true).length,
    disagreements,
    tagPrefix: prefix,
    olderTagPrefixes: policy.versioning.olderTagPrefixes,
    releaseTags: timeline.length - variants.size,
    otherTags: tagNames.length - timeline.length,
    variantTags: [...variants].reverse().map((release) => release.name),
    causes: [...causes]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([cause, count]) => ({ cause, count })),
  };
}

interface Outcome {
  versionAgreed: boolean;
  /** null: the shipped CHANGELOG.md has no section to compare with. */
  notesAgreed: boolean | null;
  disagreements: ReplayDisagreement[];
}

/**
 * A release Release Desk could not plan (a git call that failed on this history): said as a
 * disagreement, so one release does not cost the check of all the others.
 */
function failed(release: TimelineRelease, error: unknown): Outcome {
  // Anything but an expected failure (git's, the repository's) is a bug to surface, not a finding.
  if (!(error instanceof DeskError)) throw error;
  const first = error.message.split('\n', 1)[0]!;
  const missing = /unable to read ([0-9a-f]{7,40})|missing (?:blob|tree|commit) ([0-9a-f]{7,40})/.exec(first);
  // A clone without some of its objects (partial, or damaged) is the repository's state, not a finding.
  const reason =
    missing === null
      ? `Release Desk could not plan this release: ${first}`
      : `the repository lacks an object its history names (${(missing[1] ?? missing[2])!.slice(0, 10)}: a partial or damaged clone), so git cannot compare the changes of this release; Release Desk could not plan it`;
  return {
    versionAgreed: false,
    notesAgreed: null,
    disagreements: [
      {
        tag: release.name,
        kind: 'version',
        expected: release.version,
        got: null,
        reason,
        cause: missing === null ? 'a release Release Desk could not plan' : 'objects missing from the clone',
      },
    ],
  };
}

/** What every release's replay reads of the repository. */
interface ReplayedHistory {
  root: string;
  ancestry: Ancestry;
  prefix: string;
  otherPrefixed: Timeline['otherPrefixed'];
}

/** One release replayed: the plan of its commit with only the tags made before it. */
async function replayOne(
  core: Core,
  { root, ancestry, prefix, otherPrefixed }: ReplayedHistory,
  timeline: TimelineRelease[],
  index: number,
  shipped: LinkedNoteEntry[] | null,
): Promise<Outcome> {
  const release = timeline[index]!;
  const earlier = timeline.slice(0, index);
  const otherEarlier = otherPrefixed.filter((tag) => madeBefore(tag, release));
  const plan = await planRelease(core, root, {
    to: release.sha,
    asOfTags: new Set(earlier.map((tag) => tag.name)),
    ancestry,
    prerelease: prereleaseChannel(release.version) ?? undefined,
    changelog: false,
  });
  const { decision, commits, policy } = plan;
  const got = plan.view.next;
  const from = plan.view.from === null ? null : { name: plan.view.from, version: plan.view.current! };
  const disagreements: ReplayDisagreement[] = [];
  const versionAgreed = got === release.version;
  if (!versionAgreed) {
    const { cause, reason } = versionCause({
      expected: release.version,
      got,
      from,
      commits,
      decision,
      policy: policy.versioning,
      earlier,
      otherEarlier,
      tagPrefix: prefix,
    });
    disagreements.push({ tag: release.name, kind: 'version', expected: release.version, got, reason, cause });
  }
  if (shipped === null) return { versionAgreed, notesAgreed: null, disagreements };

  // The notes' own commits, as the Release screen would list them (a prerelease's start after
  // the one before it).
  const listed = await notesCommits(core, root, {
    range: plan.range,
    next: release.version,
    commits,
    policy,
  });
  const document = buildChangelog(listed, policy.versioning, {
    version: release.version,
    date: changelogDate(new Date(release.created * 1000)),
  });
  const notes = compareNotes({
    shipped,
    document,
    commits,
    listed,
    decision,
    policy: policy.versioning,
    range: `${from?.name ?? 'the start of history'}..${release.name}`,
    hidden: hiddenReleases({ expected: release.version, from, earlier, otherEarlier, tagPrefix: prefix }),
    prerelease: await prereleaseInRange(core, root, plan.range),
    ...(await leftOut(core, root, plan.range, commits, policy.versioning.paths)),
  });
  if (notes.cause !== null) {
    disagreements.push({
      tag: release.name,
      kind: 'notes',
      expected: entries(notes.shipped),
      got: entries(notes.ours),
      ...notes.cause,
    });
  }
  return { versionAgreed, notesAgreed: notes.agreed, disagreements };
}

const entries = (n: number): string => `${n} ${n === 1 ? 'note entry' : 'note entries'}`;
