import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import type { BumpDecision } from '../versioning/bump.js';
import { changeLabel } from './evidence.js';
import type { Cause } from './version-cause.js';
import type { LinkedNoteEntry } from './notes-section.js';
import { noteKey } from './notes-section.js';
import { origins, TYPE_PREFIX } from './note-origins.js';

export interface NotesComparison {
  agreed: boolean;
  shipped: number;
  ours: number;
  /** Set only when the entries differ. */
  cause: Cause | null;
}

/**
 * Finds the commit a shipped entry names among `commits`: by a linked hash (abbreviated as
 * written), else by a `#N` its header cites (`… (#293)`, `Merge pull request #293 from …`).
 */
function linkedCommit(commits: CommitRecord[]): (entry: LinkedNoteEntry) => CommitRecord | undefined {
  const byPrefix = new Map<string, CommitRecord[]>();
  const byRef = new Map<string, CommitRecord>();
  for (const commit of commits) {
    const short = commit.sha.slice(0, 7);
    byPrefix.set(short, [...(byPrefix.get(short) ?? []), commit]);
    const header = commit.message.split('\n', 1)[0]!;
    for (const match of header.matchAll(/#(\d+)\b/g)) if (!byRef.has(match[1]!)) byRef.set(match[1]!, commit);
  }
  return (entry) => {
    for (const sha of entry.shas) {
      const found = byPrefix.get(sha.slice(0, 7))?.find((commit) => commit.sha.startsWith(sha));
      if (found) return found;
    }
    for (const ref of entry.refs) {
      const found = byRef.get(ref);
      if (found) return found;
    }
    return undefined;
  };
}

/** Whether a line of the commit's message, read as a header or a bullet, is the entry. */
function holds(commit: CommitRecord, entry: LinkedNoteEntry): boolean {
  return commit.message.split('\n').some(
    (line) =>
      noteKey(
        line
          .trim()
          .replace(/^[*-]\s+/, '')
          .replace(TYPE_PREFIX, ''),
      ) === entry.key,
  );
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function tally(labels: string[]): string {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, n]) => `${n} ${label}`)
    .join(', ');
}

/**
 * Compares a shipped CHANGELOG.md section with the entries Release Desk's notes would list, as
 * sets of normalised subjects; when they differ, says why from where each missing entry comes
 * from in the range (non-conventional commits, types left out of notes, reverts, outside it)
 * and what the extra ones are.
 */
export function compareNotes(args: {
  shipped: LinkedNoteEntry[];
  document: ChangelogDocument;
  commits: CommitRecord[];
  /** The commits the notes were built from (a prerelease's: those after the one before it); default `commits`. */
  listed?: CommitRecord[];
  decision: BumpDecision;
  policy: VersioningPolicy;
  /** `v1.2.0..v1.3.0`: the range Release Desk read, for the message. */
  range: string;
  /** Commits of the range Release Desk left out as released already on another line (picks). */
  releasedOnLine: { tag: string; commits: CommitRecord[] } | null;
  /** Commits of the range that change none of `versioning.paths` (another package's). */
  outsidePaths?: CommitRecord[];
  /** Releases tagged behind another prefix inside the range (see `releasesBehindOtherPrefix`). */
  hidden?: { count: number; example: string; prefix: string };
  /** A prerelease inside that range, with the commits it had released: shipped notes often start there. */
  prerelease: { name: string; shas: ReadonlySet<string> } | null;
}): NotesComparison {
  const ours = new Map<string, { type: string; subject: string; sha: string }>();
  const aliases = new Map<string, string>();
  for (const section of args.document.sections) {
    for (const entry of section.entries) {
      // Dependency updates apart: some changelogs leave them out on purpose.
      const type =
        entry.scope !== null && /^deps(?:-dev)?$/.test(entry.scope) ? `${section.type}(deps)` : section.type;
      const key = noteKey(entry.subject);
      ours.set(key, { type, subject: entry.subject, sha: entry.sha });
      // Release Desk lists a revert by what it reverts; other tools by its own first line.
      if (section.type === 'revert') aliases.set(noteKey(`Revert "${entry.subject}"`), key);
    }
  }
  const shipped = new Map<string, LinkedNoteEntry>();
  for (const entry of args.shipped) shipped.set(entry.key, entry);
  const listedAs = new Set([...shipped.keys()].map((key) => aliases.get(key) ?? key));
  const missing = [...shipped.values()].filter((entry) => !ours.has(aliases.get(entry.key) ?? entry.key));
  const extra = [...ours].filter(([key]) => !listedAs.has(key));
  const result = { shipped: shipped.size, ours: ours.size };
  if (missing.length === 0 && extra.length === 0) return { agreed: true, ...result, cause: null };

  const known = origins(
    args.commits,
    args.decision,
    args.policy,
    args.releasedOnLine?.commits ?? [],
    args.outsidePaths ?? [],
  );
  const linked = linkedCommit(args.listed ?? args.commits);
  const cancelled = new Set(args.decision.cancelled.flatMap(({ sha, by }) => [sha, by]));
  // Our extra entries by commit: a shipped entry linking that commit is the same entry, worded otherwise.
  const unpaired = new Map<string, [string, { subject: string }][]>();
  for (const item of extra) unpaired.set(item[1].sha, [...(unpaired.get(item[1].sha) ?? []), item]);
  const paired = new Set<string>();
  const nonConventional: LinkedNoteEntry[] = [];
  const types: string[] = [];
  const reverted: LinkedNoteEntry[] = [];
  const notes: LinkedNoteEntry[] = [];
  const picked: LinkedNoteEntry[] = [];
  const otherPaths: LinkedNoteEntry[] = [];
  const outside: LinkedNoteEntry[] = [];
  const reworded: { entry: LinkedNoteEntry; subject: string; sha: string }[] = [];
  const fromBody: { entry: LinkedNoteEntry; commit: CommitRecord }[] = [];
  for (const entry of missing) {
    const commit = linked(entry);
    const origin = known.get(entry.key);
    if (commit !== undefined && origin?.kind !== 'breaking-note') {
      const conventional = commit.changes.filter((change) => change.conventional && change.type !== null);
      // The change it lists: by its subject, else a commit's only one (worded otherwise).
      const change =
        conventional.find((c) => noteKey(c.subject) === entry.key) ??
        (commit.changes.length === 1 ? conventional[0] : undefined);
      const ours =
        commit.changes.length === 1 ? unpaired.get(commit.sha)?.find(([key]) => !paired.has(key)) : undefined;
      if (cancelled.has(commit.sha)) reverted.push(entry);
      else if (conventional.length === 0 || commit.parents.length > 1) nonConventional.push(entry);
      else if (change !== undefined && !Object.hasOwn(args.policy.sections, change.type!)) {
        types.push(changeLabel(change));
      } else if (ours !== undefined) {
        paired.add(ours[0]);
        reworded.push({ entry, subject: ours[1].subject, sha: commit.sha });
      } else fromBody.push({ entry, commit });
      continue;
    }
    if (origin?.kind === 'non-conventional') nonConventional.push(entry);
    else if (origin?.kind === 'type') types.push(origin.label);
    else if (origin?.kind === 'reverted') reverted.push(entry);
    else if (origin?.kind === 'breaking-note') notes.push(entry);
    else if (origin?.kind === 'released-on-line') picked.push(entry);
    else if (origin?.kind === 'outside-paths') otherPaths.push(entry);
    else outside.push(entry);
  }
  const parts: { cause: string; size: number; text: string }[] = [];
  if (nonConventional.length > 0) {
    parts.push({
      cause: 'shipped notes list non-conventional commits',
      size: nonConventional.length,
      text: `the shipped notes list ${plural(nonConventional.length, 'entry', 'entries')} Release Desk leaves out (non-conventional commits)`,
    });
  }
  if (types.length > 0) {
    parts.push({
      cause: 'shipped notes list types Release Desk leaves out',
      size: types.length,
      text: `the shipped notes list ${plural(types.length, 'entry', 'entries')} of types Release Desk's notes leave out (${tally(types)}; versioning.sections)`,
    });
  }
  if (reverted.length > 0) {
    parts.push({
      cause: 'shipped notes list reverted changes',
      size: reverted.length,
      text: `the shipped notes list ${plural(reverted.length, 'change')} reverted within the range (Release Desk lists neither a change nor its revert)`,
    });
  }
  if (notes.length > 0) {
    parts.push({
      cause: 'shipped notes list breaking-change notes as entries',
      size: notes.length,
      text: `the shipped notes list ${plural(notes.length, 'breaking-change note')} as ${notes.length === 1 ? 'an entry' : 'entries'} (Release Desk lists them under breaking changes only)`,
    });
  }
  if (picked.length > 0) {
    parts.push({
      cause: 'shipped notes repeat changes released on another line',
      size: picked.length,
      text: `the shipped notes list ${plural(picked.length, 'change')} Release Desk leaves out as released already in ${args.releasedOnLine!.tag} (picked onto its line)`,
    });
  }
  if (otherPaths.length > 0) {
    parts.push({
      cause: 'shipped notes list changes outside versioning.paths',
      size: otherPaths.length,
      text: `the shipped notes list ${plural(otherPaths.length, 'change')} whose commits change none of versioning.paths (another package's, the project's choice; e.g. “${otherPaths[0]!.text}”)`,
    });
  }
  if (reworded.length > 0) {
    const [first] = reworded;
    parts.push({
      cause: 'shipped notes word entries otherwise than their commits',
      size: reworded.length,
      text: `the shipped notes word ${plural(reworded.length, 'entry', 'entries')} otherwise than ${reworded.length === 1 ? 'its commit' : 'their commits'} (edited, the project's choice; e.g. ${first!.sha.slice(0, 7)}: “${first!.entry.text}”, the commit says “${first!.subject}”)`,
    });
  }
  const inBody = fromBody.filter(({ entry, commit }) => holds(commit, entry));
  if (inBody.length > 0) {
    const [first] = inBody;
    parts.push({
      cause: 'shipped notes list changes written in a commit body',
      size: inBody.length,
      text: `the shipped notes list ${plural(inBody.length, 'entry', 'entries')} another tool read from inside a commit's body (e.g. ${first!.commit.sha.slice(0, 7)}: “${first!.entry.text}”), which Release Desk reads as part of the commit's one change`,
    });
  }
  const elsewhere = fromBody.filter((item) => !inBody.includes(item));
  if (elsewhere.length > 0) {
    const [first] = elsewhere;
    parts.push({
      cause: 'shipped notes list changes its commit does not hold',
      size: elsewhere.length,
      text: `the shipped notes list ${plural(elsewhere.length, 'entry', 'entries')} linked to a commit whose message does not hold ${elsewhere.length === 1 ? 'it' : 'them'} (e.g. ${first!.commit.sha.slice(0, 7)}: “${first!.entry.text}”): written outside git, in the pull request (release-please's BEGIN_COMMIT_OVERRIDE) or by hand`,
    });
  }
  if (outside.length > 0) {
    parts.push({
      cause: 'shipped notes list changes from outside the range',
      size: outside.length,
      text: `the shipped notes list ${plural(outside.length, 'entry', 'entries')} that ${outside.length === 1 ? 'names' : 'name'} no commit of ${args.range} (written by hand or taken from elsewhere; e.g. “${outside[0]!.text}”)`,
    });
  }
  const prerelease = args.prerelease;
  const rolledUp = prerelease === null ? [] : extra.filter(([, entry]) => prerelease.shas.has(entry.sha));
  if (rolledUp.length > 0) {
    parts.push({
      cause: 'notes roll up the prereleases (changelog.rollUpPrereleases)',
      size: rolledUp.length,
      text: `Release Desk's notes roll up the release's prereleases (changelog.rollUpPrereleases, on by default) and list ${plural(rolledUp.length, 'entry', 'entries')} ${prerelease!.name} released already; the shipped notes start after it (the project's choice: set rollUpPrereleases: false to match)`,
    });
  }
  const others = extra.filter((item) => !rolledUp.includes(item) && !paired.has(item[0]));
  if (others.length > 0 && others.every(([, entry]) => entry.type.endsWith('(deps)'))) {
    parts.push({
      cause: 'shipped notes leave out dependency updates',
      size: others.length,
      text: `the shipped notes leave out ${plural(others.length, 'dependency update')} Release Desk lists (the project's choice; e.g. “${others[0]![1].subject}”)`,
    });
  } else if (others.length > 0) {
    parts.push({
      cause: 'Release Desk lists entries the shipped notes leave out',
      size: others.length,
      text: `Release Desk lists ${plural(others.length, 'entry', 'entries')} the shipped notes leave out (${tally(others.map(([, entry]) => entry.type))}; e.g. “${others[0]![1].subject}”)`,
    });
  }
  if (args.hidden !== undefined && extra.length > 0) {
    const { count, example, prefix } = args.hidden;
    // First: it explains why the range, and so the notes, run long.
    parts.unshift({
      cause: 'releases tagged with another prefix',
      size: extra.length,
      text: `${args.range} spans ${plural(count, 'release')} the project tagged without the tag prefix "${prefix}" (e.g. ${example}), which Release Desk does not see (versioning.tagPrefix)`,
    });
  }
  const main = [...parts].sort((a, b) => b.size - a.size)[0]!;
  return {
    agreed: false,
    ...result,
    cause: { cause: main.cause, reason: parts.map((p) => p.text).join('; ') },
  };
}
