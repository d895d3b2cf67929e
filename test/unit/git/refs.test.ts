import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  branchHead,
  checkedOutRef,
  createBranch,
  deleteBranch,
  findMainLine,
  moveBranch,
  switchTo,
  switchToNewBranch,
} from '../../../src-main/core/git/branches.js';
import { assertCommitish, assertSafeRefName, resolveCommit } from '../../../src-main/core/git/refs.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('ref names typed by users', () => {
  it.each(['main', 'release/1.2', 'hotfix/1.0.1', 'v1.2.0', 'feature/a-b_c'])('accepts %s', (name) => {
    expect(assertSafeRefName(name)).toBe(name);
  });

  it.each([
    ['--upload-pack=x', /may not start with "-"/],
    ['-x', /may not start with "-"/],
    ['--orphan=x', /may not start with "-"/],
    ['a..b', /".."/],
    ['a b', /space or control/],
    ['a~1', /~/],
    ['a:b', /:/],
    ['refs/heads/x.lock', /\.lock/],
    ['x/', /ends with "\/"/],
    ['@', /"@"/],
    ['a@{1}', /@\{/],
    ['', /empty/],
  ])('rejects %s before git runs', (name, message) => {
    expect(() => assertSafeRefName(name)).toThrow(message);
    expect(() => assertSafeRefName(name)).toThrow(expect.objectContaining({ code: 'invalid-ref' }));
  });

  it.each(['abc1234', 'HEAD~3', 'v1.2.0^', 'main^2~1', 'release/1.2~2'])('accepts the revision %s', (rev) => {
    expect(assertCommitish(rev)).toBe(rev);
  });

  it.each(['--upload-pack=x~1', '~3', '-1', 'a..b~1'])('rejects the revision %s', (rev) => {
    expect(() => assertCommitish(rev)).toThrow(expect.objectContaining({ code: 'invalid-ref' }));
  });
});

describe('refs and branches in a repository', () => {
  let repo: TestRepo;
  let first: string;
  let second: string;
  beforeEach(() => {
    repo = new TestRepo();
    first = repo.commit('feat: first');
    second = repo.commit('fix: second');
  });
  afterEach(() => repo.remove());

  it('resolves what users type to a commit, or not-found', async () => {
    expect(await resolveCommit(repo.dir, 'HEAD~1')).toBe(first);
    expect(await resolveCommit(repo.dir, second.slice(0, 7))).toBe(second);
    await expect(resolveCommit(repo.dir, 'nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(resolveCommit(repo.dir, '--all')).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('creates, moves (only from where it was) and deletes a branch', async () => {
    await createBranch(repo.dir, 'release/1.0', first);
    expect(await branchHead(repo.dir, 'release/1.0')).toBe(first);
    await expect(createBranch(repo.dir, 'release/1.0', second)).rejects.toThrow(/already exists/);
    await expect(moveBranch(repo.dir, 'release/1.0', second, second)).rejects.toMatchObject({
      code: 'git-failed',
    });
    expect(await branchHead(repo.dir, 'release/1.0')).toBe(first);
    await moveBranch(repo.dir, 'release/1.0', second, first);
    expect(await branchHead(repo.dir, 'release/1.0')).toBe(second);
    await deleteBranch(repo.dir, 'release/1.0');
    expect(await branchHead(repo.dir, 'release/1.0')).toBeNull();
  });

  it('switches to a new branch, to a detached commit and back', async () => {
    await switchToNewBranch(repo.dir, 'hotfix/1.0.1', first);
    expect(await checkedOutRef(repo.dir)).toBe('refs/heads/hotfix/1.0.1');
    expect(repo.head()).toBe(first);
    await switchTo(repo.dir, { detach: second });
    expect(await checkedOutRef(repo.dir)).toBeNull();
    await switchTo(repo.dir, { branch: 'main' });
    expect(await checkedOutRef(repo.dir)).toBe('refs/heads/main');
    await expect(switchTo(repo.dir, { branch: '--orphan=x' })).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('finds the main line: init.defaultBranch when it exists locally, else main', async () => {
    expect(await findMainLine(repo.dir)).toEqual({ name: 'main', sha: second });
    repo.git('branch', 'trunk', first);
    repo.git('config', 'init.defaultBranch', 'trunk');
    expect(await findMainLine(repo.dir)).toEqual({ name: 'trunk', sha: first });
  });
});
