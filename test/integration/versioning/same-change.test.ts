import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sameChanges } from '../../../src-main/core/commits/same-change.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';
import { tracedGit } from '../../support/git-trace.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
beforeEach(() => {
  core = testCore();
  repo = new TestRepo();
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

function emptyCommit(): string {
  repo.git('commit', '-q', '--allow-empty', '-m', 'chore: nothing');
  return repo.head();
}

describe('the same change made twice (picks without -x)', () => {
  it('is found by identical diffs, by patch-id on another base, never by subject or paths alone', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}\n`);
    repo.commit('chore: base', { 'a.txt': 'a\n', 'b.txt': lines.join(''), 'lock.txt': 'v1\n' });
    repo.checkout('line', true);
    // The line's b.txt differs far from where the fix goes: the pick's blobs differ, its patch not.
    repo.commit('chore: line only', { 'b.txt': ['line zero\n', ...lines].join('') });
    repo.checkout('main');
    const same = repo.commit('fix: a', { 'a.txt': 'a fixed\n' });
    const moved = repo.commit('fix: b', { 'b.txt': [...lines.slice(0, 9), 'line 9 fixed\n'].join('') });
    const other = repo.commit('build: update the lockfile', { 'lock.txt': 'v2\n' });
    const empty = emptyCommit();
    repo.checkout('line');
    const copies = [same, moved].map((sha) => {
      repo.git('cherry-pick', sha);
      return repo.head();
    });
    const lineLock = repo.commit('build: update the lockfile', { 'lock.txt': 'v3\n' });
    const lineEmpty = emptyCommit();

    const pairs = new Map([
      [same, [copies[0]!]],
      [moved, [copies[1]!]],
      [other, [lineLock]],
      [empty, [lineEmpty]],
    ]);
    const first = await tracedGit(() => sameChanges(core, repo.dir, pairs));
    expect([...first.result].sort()).toEqual([same, moved].sort());
    // Shapes for all; full patch-ids only for the pairs touching the same paths with other blobs.
    expect(first.argvs.map((argv) => argv[0])).toEqual(['diff-tree', 'diff-tree', 'patch-id']);

    await core.commitCache.flush();
    const again = await tracedGit(() => sameChanges(core, repo.dir, pairs));
    expect(again.result).toEqual(first.result);
    expect(again.argvs).toEqual([]);
  });
});
