import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitContains } from '../../../src-main/core/hotfix/commit-contains.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('which releases contain a change', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
  });
  afterEach(() => repo.remove());

  it('finds direct containment, patch-id copies and trailer copies whose patch changed, and the lines lacking it', async () => {
    repo.commit('chore: init', { 'calc.txt': 'a\nb\nc\n' });
    repo.tag('v1.0.0');
    repo.checkout('release/1.0', true);
    repo.commit('fix: release-only tweak', { 'calc.txt': 'a\nB on 1.0\nc\n' });
    repo.tag('v1.0.1');
    repo.checkout('main');
    repo.checkout('release/1.1', true);
    repo.tag('v1.1.0');
    repo.checkout('main');
    const fix = repo.commit('fix: compute c right', { 'calc.txt': 'a\nb\nC\n' });
    repo.tag('v1.2.0');
    const mainTip = repo.commit('feat: more', { 'more.txt': 'm\n' });

    expect(await commitContains(repo.dir, fix)).toEqual({
      sha: fix,
      releases: ['v1.2.0'],
      missing: ['release/1.0', 'release/1.1'],
      matches: [{ tag: 'v1.2.0', via: 'direct', sha: fix }],
    });

    // release/1.1 gets a plain cherry-pick: same patch, no trailer.
    repo.checkout('release/1.1');
    repo.git('cherry-pick', fix);
    const copy = repo.head();
    repo.tag('v1.1.1');
    // release/1.0 needs a different patch (its line b differs): a resolved conflict, but with -x.
    repo.checkout('release/1.0');
    repo.write('calc.txt', 'a\nB on 1.0\nC\n');
    repo.git('add', 'calc.txt');
    repo.git('commit', '-q', '-m', `fix: compute c right\n\n(cherry picked from commit ${fix})`);
    const resolved = repo.head();
    repo.tag('v1.0.2');
    repo.checkout('main');

    const result = await commitContains(repo.dir, fix.slice(0, 9));
    expect(result.releases).toEqual(['v1.0.2', 'v1.1.1', 'v1.2.0']);
    expect(result.missing).toEqual([]);
    expect(result.matches).toEqual([
      { tag: 'v1.0.2', via: 'trailer', sha: resolved },
      { tag: 'v1.1.1', via: 'patch-id', sha: copy },
      { tag: 'v1.2.0', via: 'direct', sha: fix },
    ]);

    // And the other way round: the copy is "in" main's releases through its original.
    const fromCopy = await commitContains(repo.dir, copy);
    expect(fromCopy.releases).toEqual(['v1.0.2', 'v1.1.1', 'v1.2.0']);
    expect((await commitContains(repo.dir, mainTip)).missing).toEqual(['release/1.0', 'release/1.1']);
    await expect(commitContains(repo.dir, 'deadbeef')).rejects.toThrow(/No commit "deadbeef"/);
  });
});
