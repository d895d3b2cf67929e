import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cherryPickedFrom, patchIds } from '../../../src-main/core/git/patch-id.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('patch-id', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
    repo.commit('feat: base', { 'app.txt': 'one\n' });
    repo.git('branch', 'release/1.0');
  });
  afterEach(() => repo.remove());

  it('gives a cherry-pick the id of its original, another change another id, a merge none', async () => {
    const fix = repo.commit('fix: a bug', { 'fix.txt': 'fixed\n' });
    const other = repo.commit('fix: another', { 'other.txt': 'x\n' });
    repo.checkout('release/1.0');
    const copy = repo.cherryPick(fix);
    repo.checkout('side', true);
    repo.commit('feat: side', { 'side.txt': 's\n' });
    repo.checkout('release/1.0');
    const merge = repo.merge('side');
    const ids = await patchIds(repo.dir, [fix, other, copy, merge]);
    expect(ids.get(copy)).toBe(ids.get(fix));
    expect(ids.get(other)).not.toBe(ids.get(fix));
    expect(ids.get(fix)).toMatch(/^[0-9a-f]{40}$/);
    expect(ids.has(merge)).toBe(false);
    expect(await patchIds(repo.dir, [])).toEqual(new Map());
  });

  it('reads the origins a message names in -x trailers', () => {
    const sha = 'a'.repeat(40);
    expect(cherryPickedFrom(`fix: x\n\n(cherry picked from commit ${sha})\n`)).toEqual([sha]);
    expect(cherryPickedFrom('fix: x\n\ncherry picked from commit abc\n')).toEqual([]);
  });
});
