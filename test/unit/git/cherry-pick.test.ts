import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  abortCherryPick,
  cherryPickHere,
  cherryPickInProgress,
  pickOntoBranch,
} from '../../../src-main/core/git/cherry-pick.js';
import { TEST_IDENTITY, TestRepo } from '../../support/git-fixture.js';

describe('cherry-pick', () => {
  let repo: TestRepo;
  let base: string;
  beforeEach(() => {
    repo = new TestRepo();
    base = repo.commit('feat: base', { 'app.txt': 'one\n' });
    repo.git('branch', 'release/1.0');
  });
  afterEach(() => repo.remove());

  it('applies a commit with the -x trailer naming its origin', async () => {
    const fix = repo.commit('fix: a bug', { 'fix.txt': 'fixed\n' });
    repo.checkout('release/1.0');
    const attempt = await cherryPickHere(repo.dir, fix, TEST_IDENTITY);
    expect(attempt).toEqual({ kind: 'applied', sha: repo.head() });
    expect(repo.git('log', '-1', '--format=%B')).toContain(`(cherry picked from commit ${fix})`);
  });

  it('says empty when the change is there already, and leaves no pick in progress', async () => {
    const fix = repo.commit('fix: a bug', { 'fix.txt': 'fixed\n' });
    repo.checkout('release/1.0');
    repo.cherryPick(fix);
    const head = repo.head();
    expect(await cherryPickHere(repo.dir, fix, TEST_IDENTITY)).toEqual({ kind: 'empty' });
    expect(repo.head()).toBe(head);
    expect(await cherryPickInProgress(repo.dir)).toBeNull();
  });

  it('lists the conflicting files and git’s CONFLICT line; abort puts the tree back', async () => {
    const fix = repo.commit('fix: change app', { 'app.txt': 'two\n' });
    repo.checkout('release/1.0');
    const head = repo.commit('fix: change app differently', { 'app.txt': 'three\n' });
    const attempt = await cherryPickHere(repo.dir, fix, TEST_IDENTITY);
    expect(attempt).toMatchObject({ kind: 'conflict', files: ['app.txt'] });
    expect(attempt.kind === 'conflict' && attempt.message).toMatch(/^CONFLICT \(content\): .*app\.txt/);
    expect(await cherryPickInProgress(repo.dir)).toBe(fix);
    await abortCherryPick(repo.dir);
    expect(await cherryPickInProgress(repo.dir)).toBeNull();
    expect(repo.head()).toBe(head);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('picks onto a branch that is not checked out, in a worktree removed afterwards', async () => {
    const first = repo.commit('fix: one', { 'one.txt': '1\n' });
    const second = repo.commit('fix: two', { 'two.txt': '2\n' });
    const mainHead = repo.head();
    const moved: string[] = [];
    const result = await pickOntoBranch(repo.dir, 'release/1.0', [first, second], TEST_IDENTITY, {
      atomic: true,
      onMoved: (head) => moved.push(head),
    });
    expect(result.conflict).toBeNull();
    expect(result.applied.map((pick) => pick.from)).toEqual([first, second]);
    expect(repo.git('rev-parse', 'release/1.0')).toBe(result.head);
    expect(moved).toEqual([result.head]);
    expect(repo.head()).toBe(mainHead);
    expect(repo.git('status', '--porcelain')).toBe('');
    const home = path.join(repo.dir, '.git', 'release-desk-worktrees');
    expect(existsSync(home) ? readdirSync(home) : []).toEqual([]);
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
  });

  it('atomic: a conflict leaves the branch exactly where it was', async () => {
    const good = repo.commit('fix: good', { 'good.txt': 'g\n' });
    const clash = repo.commit('fix: clash', { 'app.txt': 'two\n' });
    repo.checkout('release/1.0');
    repo.commit('fix: release-only change', { 'app.txt': 'three\n' });
    const before = repo.head();
    repo.checkout('main');
    const result = await pickOntoBranch(repo.dir, 'release/1.0', [good, clash], TEST_IDENTITY, {
      atomic: true,
    });
    expect(result.applied).toEqual([]);
    expect(result.conflict).toMatchObject({ sha: clash, files: ['app.txt'] });
    expect(repo.git('rev-parse', 'release/1.0')).toBe(before);
  });

  it('refuses a branch that does not exist', async () => {
    await expect(
      pickOntoBranch(repo.dir, 'nope', [base], TEST_IDENTITY, { atomic: true }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
