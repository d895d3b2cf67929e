import type { CompareEnd, ReleaseComparison, ResolvedEnd } from '../../../shared/domain/history.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { changelogForRange } from '../changelog/range-changelog.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { isAncestor } from '../git/branches.js';
import { resolveRelease } from '../promotion/release.js';
import type { RepoSituation } from '../promotion/situation.js';
import { repoSituation, requirePolicy } from '../promotion/situation.js';
import { currentIn } from '../promotion/store.js';
import { loadHistory } from '../commits/commit-cache.js';
import { leaveOutReleasedOnLine } from '../versioning/released-on-line.js';
import type { RepositoryRef } from '../repository/repository-context.js';

type Direction = ReleaseComparison['direction'];

async function resolveEnd(core: Core, situation: RepoSituation, end: CompareEnd): Promise<ResolvedEnd> {
  if (end.kind === 'release') {
    const release = await resolveRelease(situation.root, end.version, situation.tagNaming);
    return { environment: null, version: release.version, tag: release.tag, sha: release.sha };
  }
  const policy = requirePolicy(situation);
  if (!policy.environments.some((env) => env.name === end.environment)) {
    const names = policy.environments.map((env) => env.name).join(', ') || 'none';
    throw new DeskError(
      'not-found',
      `No environment "${end.environment}" in .release-desk.yml (environments: ${names}).`,
    );
  }
  const live = currentIn(core.db, situation.root, end.environment);
  if (!live)
    throw new DeskError('not-found', `Nothing is live in ${end.environment} yet: compare a release instead.`);
  return { environment: end.environment, version: live.version, tag: live.tag, sha: live.sha };
}

/** An end as people say it: "production v2.1.0", or just "v2.1.0". */
export function endLabel(end: ResolvedEnd): string {
  return end.environment ? `${end.environment} ${end.tag}` : end.tag;
}

function countChanges(document: ChangelogDocument): number {
  const listed = new Set(document.sections.flatMap((section) => section.entries.map((entry) => entry.sha)));
  // A breaking change whose type no section shows is still a change.
  const unlisted = new Set(document.breaking.map((note) => note.sha).filter((sha) => !listed.has(sha)));
  return document.sections.reduce((n, section) => n + section.entries.length, 0) + unlisted.size;
}

async function directionOf(root: string, from: string, to: string): Promise<Exclude<Direction, 'same'>> {
  const [forward, backward] = await Promise.all([isAncestor(root, from, to), isAncestor(root, to, from)]);
  return forward ? 'forward' : backward ? 'backward' : 'apart';
}

/** How the ends relate in a sentence, when it is not plainly "from, then to". */
function leadOf(direction: Direction, from: string, to: string, copies: number): string | null {
  if (direction === 'backward') return `${to} is behind ${from}: moving there takes these changes away.`;
  if (direction === 'same') return 'Both are the same commit: nothing changes.';
  if (direction === 'forward') return null;
  const left = copies === 0 ? '' : ` (${copies} left out that ${from} has too, as cherry-picked copies)`;
  return `${from} and ${to} are on separate lines: these are the changes ${to} has and ${from} has not${left}.`;
}

/**
 * The commits `newer` brings whose change `older`'s line shipped already as a cherry-pick: the
 * same rule (trailers, then same-subject patch-ids) the release plan applies on a line.
 */
async function pickedOnto(core: Core, root: string, older: string, newer: string): Promise<Set<string>> {
  const { commits } = await loadHistory(core, root, { from: older, to: newer });
  const split = await leaveOutReleasedOnLine(core, root, newer, older, commits);
  return new Set(split.released.map((commit) => commit.sha));
}

/**
 * What changed between two releases, or between what is live in two environments: the range
 * notes of `release-desk changelog --from A --to B`, grouped like the changelog. When `to` is
 * behind `from` (a rollback, production ahead of staging) the notes are those of `to..from`,
 * what the move would take away; on separate lines, what `to` has and `from` has not, less the
 * fixes `from` has as cherry-picks. `direction` says which.
 */
export async function compareReleases(
  core: Core,
  dir: RepositoryRef,
  request: { from: CompareEnd; to: CompareEnd },
): Promise<ReleaseComparison> {
  const situation = await repoSituation(core, dir);
  const [from, to] = await Promise.all([
    resolveEnd(core, situation, request.from),
    resolveEnd(core, situation, request.to),
  ]);
  const direction: Direction =
    from.sha === to.sha ? 'same' : await directionOf(situation.root, from.sha, to.sha);
  const title = (count: number) =>
    `# ${endLabel(from)} → ${endLabel(to)}: ${count} ${count === 1 ? 'change' : 'changes'}`;
  if (direction === 'same') {
    const document: ChangelogDocument = { version: to.version, date: '', sections: [], breaking: [] };
    const lead = leadOf(direction, endLabel(from), endLabel(to), 0);
    const markdown = `${title(0)}\n\n${lead}\n`;
    return { from, to, direction, lead, changeCount: 0, document, markdown, warnings: [] };
  }
  const [older, newer] = direction === 'backward' ? [to, from] : [from, to];
  const leaveOut =
    direction === 'apart' ? await pickedOnto(core, situation.root, older.sha, newer.sha) : undefined;
  // No `version`: the notes are headed by the newer release's own tag and date.
  const notes = await changelogForRange(core, situation.root, { from: older.tag, to: newer.tag, leaveOut });
  const document = notes.documents[0]!;
  const changeCount = countChanges(document);
  const lead = leadOf(direction, endLabel(from), endLabel(to), leaveOut?.size ?? 0);
  const markdown = `${title(changeCount)}\n${lead ? `\n${lead}\n` : ''}\n${notes.markdown}`;
  return { from, to, direction, lead, changeCount, document, markdown, warnings: notes.warnings };
}
