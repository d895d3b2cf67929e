import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitsBetween,
  commitStaged,
  firstParentCommits,
  headCommit,
  resetHard,
  stage,
  unstage,
} from '../../../src-main/core/git/commits.js';
import { TestRepo } from '../../support/git-fixture.js';

const BOB = {
  GIT_AUTHOR_NAME: 'Bob',
  GIT_AUTHOR_EMAIL: 'bob@example.com',
  GIT_COMMITTER_NAME: 'Bob',
  GIT_COMMITTER_EMAIL: 'bob@example.com',
};

describe('commits', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
    repo.commit('feat: first');
  });
  afterEach(() => repo.remove());

  it('stages only the named files and commits them as the identity given', async () => {
    repo.write('CHANGELOG.md', '# 1.0.0\n');
    repo.write('other.txt', 'not part of it\n');
    await stage(repo.dir, ['CHANGELOG.md']);
    const sha = await commitStaged(repo.dir, 'chore(release): v1.0.0', BOB);
    expect(sha).toBe(repo.head());
    expect(await headCommit(repo.dir)).toBe(sha);
    expect(repo.git('show', '--name-only', '--format=%an <%ae>%n%s', sha)).toBe(
      'Bob <bob@example.com>\nchore(release): v1.0.0\n\nCHANGELOG.md',
    );
    expect(repo.git('status', '--porcelain')).toBe('?? other.txt');
  });

  it('refuses to commit with nothing staged, with git’s message', async () => {
    await expect(commitStaged(repo.dir, 'empty', BOB)).rejects.toMatchObject({
      code: 'git-failed',
      message: expect.stringMatching(/^git commit failed: /),
    });
  });

  it('unstages files and resets the branch hard', async () => {
    const start = repo.head();
    repo.write('a.txt', 'a\n');
    await stage(repo.dir, ['a.txt']);
    await unstage(repo.dir, ['a.txt']);
    expect(repo.git('status', '--porcelain')).toBe('?? a.txt');
    // The fixture commits everything, a.txt included: the reset takes both away again.
    repo.commit('fix: second', { 'b.txt': 'b\n' });
    repo.write('b.txt', 'edited\n');
    await resetHard(repo.dir, start);
    expect(repo.head()).toBe(start);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('walks first parents after a commit, newest first; null when the branch is gone', async () => {
    const start = repo.head();
    const second = repo.commit('fix: second');
    repo.checkout('side', true);
    repo.commit('feat: on the side');
    repo.checkout('main');
    const merge = repo.merge('side');
    expect(await firstParentCommits(repo.dir, start, 'main')).toEqual([
      { sha: merge, parent: second, subject: "Merge branch 'side'" },
      { sha: second, parent: start, subject: 'fix: second' },
    ]);
    expect(await firstParentCommits(repo.dir, start, 'gone')).toBeNull();
    expect(await commitsBetween(repo.dir, start, merge)).toHaveLength(3);
    expect(await commitsBetween(repo.dir, second, second)).toEqual([]);
  });
});
