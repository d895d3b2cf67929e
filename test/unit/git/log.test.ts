import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawCommit } from '../../../src-main/core/git/log.js';
import { commitsTouching, listShas, readCommits, readHistory } from '../../../src-main/core/git/log.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('log stream', () => {
  let repo: TestRepo;
  let shas: string[];
  beforeEach(() => {
    repo = new TestRepo();
    shas = [
      repo.commit('feat: first'),
      repo.commit('fix: second\n\nbody with \x1f a separator, ünïcödé and\nlines'),
      repo.commit('feat!: third'),
    ];
  });
  afterEach(() => repo.remove());

  const read = async (from: string | null, to: string, long = false): Promise<RawCommit[]> => {
    const commits: RawCommit[] = [];
    await readHistory(repo.dir, { from, to }, (commit) => commits.push(commit), { long });
    return commits;
  };

  it('streams every commit of the range, newest first, with its fields and whole message', async () => {
    const commits = await read(null, shas[2]!);
    expect(commits.map((c) => c.sha)).toEqual([...shas].reverse());
    expect(commits[1]).toEqual({
      sha: shas[1],
      parents: [shas[0]],
      authorName: 'Ada Tester',
      authorEmail: 'ada@example.com',
      date: '2026-01-05T09:02:00+00:00',
      message: 'fix: second\n\nbody with \x1f a separator, ünïcödé and\nlines\n',
    });
    expect(commits[2]!.parents).toEqual([]);
  });

  it('reads the same through the thread, and only what a range adds', async () => {
    expect(await read(null, shas[2]!, true)).toEqual(await read(null, shas[2]!));
    expect((await read(shas[0]!, shas[2]!)).map((c) => c.sha)).toEqual([shas[2], shas[1]]);
    expect(await listShas(repo.dir, { from: null, to: shas[2]! }, 2)).toEqual([shas[2], shas[1]]);
  });

  it('reads named commits without walking', async () => {
    const commits: string[] = [];
    await readCommits(repo.dir, [shas[0]!, shas[2]!], (commit) => commits.push(commit.sha));
    expect(commits).toEqual([shas[0], shas[2]]);
  });

  it('takes only full SHAs: anything else is refused before git runs', async () => {
    await expect(read(null, 'HEAD')).rejects.toMatchObject({ code: 'invalid-ref' });
    await expect(read('--all', shas[2]!)).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('names the commits of a range that change given paths, literally, merges aside', async () => {
    const pkg = repo.commit('fix(pkg): in the package', { 'packages/pkg/a.txt': '1\n' });
    repo.commit('fix: elsewhere', { 'other.txt': '1\n' });
    const range = { from: shas[2]!, to: repo.head() };
    expect(await commitsTouching(repo.dir, range, ['packages/pkg'])).toEqual(new Set([pkg]));
    expect(await commitsTouching(repo.dir, range, ['packages/none'])).toEqual(new Set());
    // Pathspec magic is text here: `:(exclude)` names no file.
    expect(await commitsTouching(repo.dir, range, [':(exclude)packages/pkg'])).toEqual(new Set());
    await expect(commitsTouching(repo.dir, { from: '--all', to: repo.head() }, ['x'])).rejects.toMatchObject({
      code: 'invalid-ref',
    });
  });
});
