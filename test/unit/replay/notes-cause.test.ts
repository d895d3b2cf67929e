import { describe, expect, it } from 'vitest';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import { buildChangelog } from '../../../src-main/core/changelog/build-changelog.js';
import { parseCommitMessage } from '../../../src-main/core/commits/parse-message.js';
import { defaultPolicy } from '../../../src-main/core/policy/load-policy.js';
import { compareNotes } from '../../../src-main/core/replay/notes-cause.js';
import { linkedNoteEntries } from '../../../src-main/core/replay/notes-section.js';
import { decideBump } from '../../../src-main/core/versioning/bump.js';

const policy = defaultPolicy().versioning;

function commit(sha: string, message: string): CommitRecord {
  return {
    sha,
    parents: ['p'],
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    date: '2026-01-05T09:00:00Z',
    message,
    changes: parseCommitMessage(message),
  };
}

function compare(messages: Record<string, string>, shipped: string, prerelease: string[] | null = null) {
  const commits = Object.entries(messages).map(([sha, message]) => commit(sha, message));
  return compareNotes({
    shipped: linkedNoteEntries(shipped),
    document: buildChangelog(commits, policy, { version: '1.3.0', date: '2026-01-05' }),
    commits,
    decision: decideBump(commits, policy),
    policy,
    range: 'v1.2.0..v1.3.0',
    prerelease: prerelease === null ? null : { name: 'v1.3.0-rc.1', shas: new Set(prerelease) },
    releasedOnLine: { tag: 'v1.2.1', commits: [commit('p', 'fix: picked onto 1.2.x')] },
  });
}

describe('compareNotes', () => {
  it('agrees when both sides list the same subjects, whatever the links and scopes', () => {
    expect(
      compare(
        { a: 'feat(api): add x (#12)', b: 'fix: y', c: 'chore: z' },
        '### Features\n\n* **api:** add x ([#12](u)) ([aaaaaaa](u))\n\n### Bug Fixes\n\n* y ([bbbbbbb](u))\n',
      ),
    ).toEqual({ agreed: true, shipped: 2, ours: 2, cause: null });
  });

  it('says where each entry Release Desk leaves out comes from, and what it lists that shipped did not', () => {
    const result = compare(
      {
        a: 'feat: x',
        b: 'docs: write the guide',
        c: 'Tidy the build',
        d: 'feat!: drop v1\n\nBREAKING CHANGE: the v1 API is gone',
        e: 'perf: faster',
      },
      [
        '### ⚠ BREAKING CHANGES',
        '',
        '* the v1 API is gone',
        '',
        '### Features',
        '',
        '* x',
        '* drop v1',
        '* the v1 API is gone',
        '* write the guide',
        '* Tidy the build',
        '* a change from elsewhere',
        '* picked onto 1.2.x',
      ].join('\n'),
    );
    expect(result).toMatchObject({ agreed: false, shipped: 7, ours: 3 });
    expect(result.cause).toEqual({
      cause: 'shipped notes list non-conventional commits',
      reason: [
        'the shipped notes list 1 entry Release Desk leaves out (non-conventional commits)',
        "the shipped notes list 1 entry of types Release Desk's notes leave out (1 docs; versioning.sections)",
        'the shipped notes list 1 breaking-change note as an entry (Release Desk lists them under breaking changes only)',
        'the shipped notes list 1 change Release Desk leaves out as released already in v1.2.1 (picked onto its line)',
        'the shipped notes list 1 entry that names no commit of v1.2.0..v1.3.0 (written by hand or taken from elsewhere; e.g. “a change from elsewhere”)',
        'Release Desk lists 1 entry the shipped notes leave out (1 perf; e.g. “faster”)',
      ].join('; '),
    });
  });

  it('tells entries a prerelease in the range released already from other extra ones', () => {
    const result = compare({ a: 'feat: x', b: 'fix: y', c: 'fix(deps): bump z' }, '### Bug Fixes\n\n* y\n', [
      'a',
    ]);
    expect(result.cause).toEqual({
      cause: 'notes roll up the prereleases (changelog.rollUpPrereleases)',
      reason:
        "Release Desk's notes roll up the release's prereleases (changelog.rollUpPrereleases, on by default) and list 1 entry v1.3.0-rc.1 released already; the shipped notes start after it (the project's choice: set rollUpPrereleases: false to match); the shipped notes leave out 1 dependency update Release Desk lists (the project's choice; e.g. “bump z”)",
    });
  });

  it('names releases tagged behind another prefix first when the range runs long because of them', () => {
    const commits = [commit('a', 'feat: x'), commit('b', 'fix: y')];
    const result = compareNotes({
      shipped: linkedNoteEntries('### Bug Fixes\n\n* y\n'),
      document: buildChangelog(commits, policy, { version: '21.0.3', date: '2026-01-05' }),
      commits,
      decision: decideBump(commits, policy),
      policy,
      range: 'the start of history..v21.0.3',
      hidden: { count: 640, example: '21.0.2', prefix: 'v' },
      prerelease: null,
      releasedOnLine: null,
    });
    expect(result.cause).toEqual({
      cause: 'releases tagged with another prefix',
      reason:
        'the start of history..v21.0.3 spans 640 releases the project tagged without the tag prefix "v" (e.g. 21.0.2), which Release Desk does not see (versioning.tagPrefix); Release Desk lists 1 entry the shipped notes leave out (1 feat; e.g. “x”)',
    });
  });
});
