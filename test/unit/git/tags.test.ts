import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnnotatedTag,
  deleteTag,
  listTags,
  readTagDetails,
  tagCommit,
  tagExists,
  tagsMergedInto,
} from '../../../src-main/core/git/tags.js';
import { TEST_IDENTITY, TestRepo } from '../../support/git-fixture.js';

describe('tags', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
  });
  afterEach(() => repo.remove());

  it('lists annotated and lightweight tags with the commit each points at', async () => {
    expect(await listTags(repo.dir)).toEqual([]);
    const first = repo.commit('feat: one');
    repo.tag('v1.0.0');
    const second = repo.commit('fix: two');
    repo.lightweightTag('light');
    const tags = await listTags(repo.dir);
    expect(tags).toEqual(
      expect.arrayContaining([
        { name: 'v1.0.0', sha: first },
        { name: 'light', sha: second },
      ]),
    );
    expect(await tagsMergedInto(repo.dir, first, ['v1.0.0', 'light'])).toEqual(new Set(['v1.0.0']));
  });

  it('resolves a tag to its commit, and says when it does not exist', async () => {
    const sha = repo.commit('feat: one');
    repo.tag('v1.0.0');
    expect(await tagCommit(repo.dir, 'v1.0.0')).toBe(sha);
    expect(await tagExists(repo.dir, 'v1.0.0')).toBe(true);
    expect(await tagCommit(repo.dir, 'v9.9.9')).toBeNull();
    expect(await tagExists(repo.dir, 'v9.9.9')).toBe(false);
  });

  it('refuses a hostile tag name before git runs', async () => {
    repo.commit('feat: one');
    await expect(tagCommit(repo.dir, '--upload-pack=x')).rejects.toMatchObject({ code: 'invalid-ref' });
    await expect(tagExists(repo.dir, 'a..b')).rejects.toMatchObject({ code: 'invalid-ref' });
    await expect(readTagDetails(repo.dir, '-x')).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('reads who made each tag, when, and its message; only the tag asked for', async () => {
    const sha = repo.commit('feat: one');
    repo.gitWithEnv(
      { GIT_COMMITTER_EMAIL: 'Bob@Example.com' },
      'tag',
      '-a',
      'v1',
      '-m',
      'v1\n\nnotes: line\x1fwith a unit separator',
    );
    repo.gitWithEnv({ GIT_COMMITTER_EMAIL: 'carol@example.com' }, 'tag', '-a', 'v2/rc', '-m', 'rc');
    repo.lightweightTag('plain');
    const [v1, ...others] = await readTagDetails(repo.dir, 'v1');
    expect(others).toEqual([]);
    expect(v1).toMatchObject({ name: 'v1', sha, annotated: true, taggerEmail: 'bob@example.com' });
    expect(v1!.message).toBe('v1\n\nnotes: line\x1fwith a unit separator\n');
    expect(v1!.created).toMatch(/^2026-01-05T09:01:00/);
    const all = await readTagDetails(repo.dir);
    expect(all.map((tag) => tag.name).sort()).toEqual(['plain', 'v1', 'v2/rc']);
    // git's pattern `refs/tags/v2` also matches the tags below it.
    expect(await readTagDetails(repo.dir, 'v2')).toEqual([]);
    expect(all.find((tag) => tag.name === 'plain')).toMatchObject({
      sha,
      annotated: false,
      taggerEmail: null,
      message: '',
    });
  });

  it('creates an annotated tag, refuses an existing one with git’s message, replaces it when forced', async () => {
    const first = repo.commit('feat: one');
    const second = repo.commit('fix: two');
    await createAnnotatedTag(
      repo.dir,
      { name: 'v1.0.0', sha: first, message: 'v1.0.0\n\n  notes  \n\n', cleanup: 'whitespace' },
      TEST_IDENTITY,
    );
    expect(repo.git('cat-file', '-t', 'v1.0.0')).toBe('tag');
    expect(repo.git('for-each-ref', '--format=%(contents)', 'refs/tags/v1.0.0')).toBe('v1.0.0\n\n  notes');
    await expect(
      createAnnotatedTag(repo.dir, { name: 'v1.0.0', sha: second, message: 'again', cleanup: 'verbatim' }),
    ).rejects.toThrow(/git tag failed: fatal: tag 'v1.0.0' already exists/);
    await createAnnotatedTag(repo.dir, {
      name: 'v1.0.0',
      sha: second,
      message: 'kept\n\n\nas is\n',
      cleanup: 'verbatim',
      force: true,
    });
    expect(await tagCommit(repo.dir, 'v1.0.0')).toBe(second);
    expect(repo.git('for-each-ref', '--format=%(contents)', 'refs/tags/v1.0.0')).toBe('kept\n\n\nas is');
    await expect(
      createAnnotatedTag(repo.dir, { name: '-f', sha: second, message: 'x', cleanup: 'verbatim' }),
    ).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('deletes a tag; one already gone is no error', async () => {
    repo.commit('feat: one');
    repo.tag('v1.0.0');
    await deleteTag(repo.dir, 'v1.0.0');
    expect(await tagExists(repo.dir, 'v1.0.0')).toBe(false);
    await expect(deleteTag(repo.dir, 'v1.0.0')).resolves.toBeUndefined();
  });
});
