import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import type { BumpDecision } from '../versioning/bump.js';
import { changeLabel } from './evidence.js';
import type { Cause } from './version-cause.js';
import type { NoteEntry } from './notes-section.js';
import { noteKey } from './notes-section.js';

export interface NotesComparison {
  agreed: boolean;
  shipped: number;
  ours: number;
  /** Set only when the entries differ. */
  cause: Cause | null;
}

/** How a commit of the range explains a shipped entry Release Desk does not list. */
type Origin =
  | { kind: 'non-conventional' }
  | { kind: 'type'; label: string }
  | { kind: 'reverted' }
  | { kind: 'breaking-note' }
  | { kind: 'released-on-line' };

/** Every key a commit of the range can be listed under, with why Release Desk leaves it out. */
function origins(
  commits: CommitRecord[],
  decision: BumpDecision,
  policy: VersioningPolicy,
  releasedOnLine: CommitRecord[],
) {
  const cancelled = new Set<string>();
  for (const { sha, by } of decision.cancelled) cancelled.add(sha).add(by);
  const byKey = new Map<string, Origin>();
  for (const commit of releasedOnLine) {
    for (const change of commit.changes) byKey.set(noteKey(change.subject), { kind: 'released-on-line' });
  }
  for (const commit of commits) {
    const header = commit.message.split('\n', 1)[0]!;
    if (cancelled.has(commit.sha)) {
      for (const change of commit.changes) byKey.set(noteKey(change.subject), { kind: 'reverted' });
      continue;
    }
    let conventional = false;
    for (const change of commit.changes) {
      if (!change.conventional || change.type === null) continue;
      conventional = true;
      for (const note of change.notes) byKey.set(noteKey(note.text), { kind: 'breaking-note' });
      if (!Object.hasOwn(policy.sections, change.type)) {
        byKey.set(noteKey(change.subject), { kind: 'type', label: changeLabel(change) });
      }
    }
    // A shipped list shows a non-conventional (or merge) commit by its first line, without
    // what another tool read as its type and scope (`fix(@scope/pkg): …`).
    if (!conventional || commit.parents.length > 1) {
      byKey.set(noteKey(header), { kind: 'non-conventional' });
      byKey.set(noteKey(header.replace(TYPE_PREFIX, '')), { kind: 'non-conventional' });
    }
  }
  return byKey;
}

// `type(scope)!: ` as any tool may read it.
const TYPE_PREFIX = /^[\w-]+(?:\([^)]*\))?!?: */;

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
  shipped: NoteEntry[];
  document: ChangelogDocument;
  commits: CommitRecord[];
  decision: BumpDecision;
  policy: VersioningPolicy;
  /** `v1.2.0..v1.3.0`: the range Release Desk read, for the message. */
  range: string;
  /** Commits of the range Release Desk left out as released already on another line (picks). */
  releasedOnLine: { tag: string; commits: CommitRecord[] } | null;
  /** A prerelease inside that range, with the commits it had released: shipped notes often start there. */
  prerelease: { name: string; shas: ReadonlySet<string> } | null;
}): NotesComparison {
  const ours = new Map<string, { type: string; subject: string; sha: string }>();
  for (const section of args.document.sections) {
    for (const entry of section.entries) {
      // Dependency updates apart: some changelogs leave them out on purpose.
      const type =
        entry.scope !== null && /^deps(?:-dev)?$/.test(entry.scope) ? `${section.type}(deps)` : section.type;
      ours.set(noteKey(entry.subject), { type, subject: entry.subject, sha: entry.sha });
    }
  }
  const shipped = new Map<string, NoteEntry>();
  for (const entry of args.shipped) shipped.set(entry.key, entry);
  const missing = [...shipped.values()].filter((entry) => !ours.has(entry.key));
  const extra = [...ours].filter(([key]) => !shipped.has(key));
  const result = { shipped: shipped.size, ours: ours.size };
  if (missing.length === 0 && extra.length === 0) return { agreed: true, ...result, cause: null };

  const known = origins(args.commits, args.decision, args.policy, args.releasedOnLine?.commits ?? []);
  const nonConventional: NoteEntry[] = [];
  const types: string[] = [];
  const reverted: NoteEntry[] = [];
  const notes: NoteEntry[] = [];
  const picked: NoteEntry[] = [];
  const outside: NoteEntry[] = [];
  for (const entry of missing) {
    const origin = known.get(entry.key);
    if (origin?.kind === 'non-conventional') nonConventional.push(entry);
    else if (origin?.kind === 'type') types.push(origin.label);
    else if (origin?.kind === 'reverted') reverted.push(entry);
    else if (origin?.kind === 'breaking-note') notes.push(entry);
    else if (origin?.kind === 'released-on-line') picked.push(entry);
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
  if (outside.length > 0) {
    parts.push({
      cause: 'shipped notes list changes from outside the range',
      size: outside.length,
      text: `the shipped notes list ${plural(outside.length, 'entry', 'entries')} with no commit in ${args.range} (e.g. “${outside[0]!.text}”)`,
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
  const others = extra.filter((item) => !rolledUp.includes(item));
  if (others.length > 0) {
    parts.push({
      cause: 'Release Desk lists entries the shipped notes leave out',
      size: others.length,
      text: `Release Desk lists ${plural(others.length, 'entry', 'entries')} the shipped notes leave out (${tally(others.map(([, entry]) => entry.type))}; e.g. “${others[0]![1].subject}”)`,
    });
  }
  const main = [...parts].sort((a, b) => b.size - a.size)[0]!;
  return {
    agreed: false,
    ...result,
    cause: { cause: main.cause, reason: parts.map((p) => p.text).join('; ') },
  };
}
