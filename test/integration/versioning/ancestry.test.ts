import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitAncestry } from '../../../src-main/core/git/ancestry.js';
import { TestRepo } from '../../support/git-fixture.js';

let repo: TestRepo;
beforeEach(() => {
  repo = new TestRepo();
});
afterEach(() => repo.remove());

/** git's own answer, one process per question. */
function mergeBase(ancestor: string, descendant: string): boolean {
  try {
    execFileSync('git', ['merge-base', '--is-ancestor', ancestor, descendant], { cwd: repo.dir });
    return true;
  } catch {
    return false;
  }
}

describe('reachability questions asked together', () => {
  it('get git’s own answers, whether they share an ancestor, a descendant, or nothing', async () => {
    const commits = [repo.commit('feat: root')];
    commits.push(repo.commit('feat: a'));
    repo.checkout('line', true);
    commits.push(repo.commit('fix: on the line'), repo.commit('fix: again on the line'));
    repo.checkout('main');
    commits.push(repo.commit('feat: b'));
    commits.push(repo.merge('line'));
    commits.push(repo.commit('feat: c'));
    repo.checkout('side', true);
    commits.push(repo.commit('feat: side'));
    // A history of its own, never merged.
    repo.git('checkout', '-q', '--orphan', 'other');
    commits.push(repo.commit('feat: another root'));

    const pairs = commits.flatMap((ancestor) => commits.map((descendant) => [ancestor, descendant] as const));
    const ancestry = gitAncestry(repo.dir);
    const expected = pairs.map(([a, d]) => mergeBase(a, d));
    // All at once: one process per ancestor, each asked about every descendant.
    const together = await Promise.all(pairs.map(([a, d]) => ancestry.isAncestor(a, d)));
    expect(together).toEqual(expected);
    // One descendant asked about every ancestor: one process.
    for (const descendant of commits) {
      const answers = await Promise.all(commits.map((a) => ancestry.isAncestor(a, descendant)));
      expect(answers).toEqual(commits.map((a) => mergeBase(a, descendant)));
    }
    expect(together.filter(Boolean).length).toBeGreaterThan(commits.length);
    const oneByOne: boolean[] = [];
    for (const [a, d] of pairs) oneByOne.push(await ancestry.isAncestor(a, d));
    expect(oneByOne).toEqual(expected);
  });

  it('fails every question of a batch git cannot answer', async () => {
    const first = repo.commit('feat: root');
    const second = repo.commit('feat: next');
    const ancestry = gitAncestry(repo.dir);
    const missing = 'f'.repeat(40);
    const answers = await Promise.allSettled([
      ancestry.isAncestor(missing, first),
      ancestry.isAncestor(missing, second),
      ancestry.isAncestor(first, missing),
      ancestry.isAncestor(second, missing),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(await ancestry.isAncestor(first, second)).toBe(true);
  });
});
