import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import type { MailMap, Person } from '../git/mailmap.js';
import { decideBump } from '../versioning/bump.js';

type Section = ChangelogDocument['sections'][number];
type Entry = Section['entries'][number];
type Contributor = NonNullable<ChangelogDocument['contributors']>[number];

export interface ChangelogMeta {
  version: string | null;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Who each author is, through the repository's `.mailmap` (see `readMailMap`). */
  authors?: MailMap;
}

// The keys a person is matched by, worked out once per person (a mailmap gives one object per author).
const personKeys = new WeakMap<Person, [byEmail: string, byName: string]>();

function keysOf(person: Person): [byEmail: string, byName: string] {
  let keys = personKeys.get(person);
  if (!keys)
    personKeys.set(person, (keys = [person.email.toLowerCase(), `name:${person.name.toLowerCase()}`]));
  return keys;
}

/**
 * Counts a commit for its author: one person however many e-mails or spellings of one name
 * they used (after `.mailmap`), matched by e-mail or by name.
 */
function countContributor(contributors: Map<string, Contributor>, person: Person): void {
  const [byEmail, byName] = keysOf(person);
  const known = (byEmail !== '' ? contributors.get(byEmail) : undefined) ?? contributors.get(byName);
  if (known) known.commits += 1;
  const contributor = known ?? { name: person.name, email: person.email, commits: 1 };
  if (byEmail !== '') contributors.set(byEmail, contributor);
  if (person.name !== '') contributors.set(byName, contributor);
}

/** A commit date as the changelog's `YYYY-MM-DD` (UTC, so the same everywhere). */
export function changelogDate(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 10);
}

// Scope-less entries first, then by scope; commit order (newest first) within a scope.
function byScope(a: Entry, b: Entry): number {
  const x = a.scope ?? '';
  const y = b.scope ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The changelog of a range of commits (newest first): one section per type the policy titles,
 * in the policy's order, every breaking note in full, and the range's contributors. Merge
 * commits count through their parents' commits; a revert and the commit it reverts, both in
 * the range, cancel out and neither is listed.
 */
export function buildChangelog(
  commits: CommitRecord[],
  versioning: VersioningPolicy,
  meta: ChangelogMeta,
): ChangelogDocument {
  const excluded = new Set<string>();
  // Pairing reverts is the bump rule's job; most ranges have no revert to pair.
  if (commits.some((commit) => commit.changes[0]?.revert)) {
    for (const { sha, by } of decideBump(commits, versioning).cancelled) excluded.add(sha).add(by);
  }

  const entries = new Map<string, Entry[]>();
  const breaking: ChangelogDocument['breaking'] = [];
  for (const commit of commits) {
    if (commit.parents.length > 1 || excluded.has(commit.sha)) continue;

    for (const change of commit.changes) {
      if (!change.conventional || change.type === null) continue;
      for (const note of change.notes)
        breaking.push({ sha: commit.sha, scope: change.scope, text: note.text });
      if (!Object.hasOwn(versioning.sections, change.type)) continue;
      const entry: Entry = {
        sha: commit.sha,
        scope: change.scope,
        subject: change.subject,
        breaking: change.breaking,
        references: change.references,
      };
      const list = entries.get(change.type);
      if (list) list.push(entry);
      else entries.set(change.type, [entry]);
    }
  }

  const sections: Section[] = [];
  for (const [type, title] of Object.entries(versioning.sections)) {
    const list = entries.get(type);
    if (list) sections.push({ type, title, entries: list.sort(byScope) });
  }
  return {
    version: meta.version,
    date: meta.date,
    sections,
    breaking,
    contributors: contributorsOf(commits, meta.authors),
  };
}

/**
 * A range's contributors, most commits first: the authors of its commits (merges count through
 * their parents' commits), each person once however many e-mails they used (see `countContributor`).
 */
export function contributorsOf(
  commits: Pick<CommitRecord, 'parents' | 'authorName' | 'authorEmail'>[],
  authors?: MailMap,
): Contributor[] {
  const contributors = new Map<string, Contributor>();
  for (const commit of commits) {
    if (commit.parents.length > 1) continue;
    const person = authors
      ? authors(commit.authorName, commit.authorEmail)
      : { name: commit.authorName, email: commit.authorEmail };
    countContributor(contributors, person);
  }
  return [...new Set(contributors.values())].sort(
    (a, b) => b.commits - a.commits || a.name.localeCompare(b.name),
  );
}
