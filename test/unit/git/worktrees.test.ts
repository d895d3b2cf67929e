import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDetachedWorktree,
  newWorktreeDir,
  removeWorktree,
  sweepStaleWorktrees,
  userCheckoutOf,
  withBranchCheckedOut,
  withTemporaryWorktree,
  worktreeOwner,
} from '../../../src-main/core/git/worktrees.js';
import { TestRepo } from '../../support/git-fixture.js';

const worktreeCount = (repo: TestRepo): number =>
  repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length ?? 0;

describe('worktrees', () => {
  let repo: TestRepo;
  let first: string;
  beforeEach(() => {
    repo = new TestRepo();
    first = repo.commit('feat: first', { 'a.txt': 'first\n' });
    repo.commit('feat: second', { 'a.txt': 'second\n' });
  });
  afterEach(() => repo.remove());

  it('runs work in a detached worktree at a commit and removes it, also when the work throws', async () => {
    let seen = '';
    const content = await withTemporaryWorktree(repo.dir, first, async (dir) => {
      seen = dir;
      expect(worktreeOwner(dir)).toMatchObject({ pid: process.pid });
      return readFileSync(path.join(dir, 'a.txt'), 'utf8');
    });
    expect(content).toBe('first\n');
    expect(existsSync(seen)).toBe(false);
    await expect(
      withTemporaryWorktree(repo.dir, first, async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(worktreeCount(repo)).toBe(1);
  });

  it('adds a detached worktree in a given directory; removing it never throws', async () => {
    const dir = await newWorktreeDir(repo.dir, 'check');
    await addDetachedWorktree(repo.dir, dir, first);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('first\n');
    expect(worktreeCount(repo)).toBe(2);
    await removeWorktree(repo.dir, dir);
    expect(existsSync(dir)).toBe(false);
    expect(worktreeCount(repo)).toBe(1);
    await expect(removeWorktree(repo.dir, dir)).resolves.toBeUndefined();
  });

  it('fails with git’s message when the directory is taken', async () => {
    const dir = await newWorktreeDir(repo.dir, 'check');
    mkdirSync(dir);
    repo.write(path.relative(repo.dir, path.join(dir, 'x')), 'busy');
    await expect(addDetachedWorktree(repo.dir, dir, first)).rejects.toThrow(
      /git worktree failed: .*already exists/,
    );
  });

  it('sweeps the worktree a killed run left behind, then the branch counts as free', async () => {
    repo.git('branch', 'release/1.0');
    const home = path.dirname(await newWorktreeDir(repo.dir, 'x'));
    // pid 2^22 + 1 is above Linux's pid limit: no such process.
    const stale = path.join(home, 'branch.4194305.1.dead');
    repo.git('worktree', 'add', '--quiet', stale, 'release/1.0');
    expect(worktreeOwner(stale)).toEqual({ pid: 4194305, start: '1' });
    expect(await userCheckoutOf(repo.dir, 'release/1.0')).toBeNull();
    expect(existsSync(stale)).toBe(false);
    expect(await sweepStaleWorktrees(repo.dir)).toEqual([]);
  });

  it('works where the user has the branch checked out, else in a temporary worktree', async () => {
    expect(await withBranchCheckedOut(repo.dir, 'main', async (dir) => dir)).toBe(repo.dir);
    repo.git('branch', 'release/1.0', first);
    const elsewhere = await withBranchCheckedOut(repo.dir, 'release/1.0', async (dir) =>
      readFileSync(path.join(dir, 'a.txt'), 'utf8'),
    );
    expect(elsewhere).toBe('first\n');
    expect(worktreeCount(repo)).toBe(1);
  });
});
