import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitContains } from '../../../src-main/core/hotfix/commit-contains.js';
import { finishHotfix, HOTFIX_TRAILER, previewHotfix } from '../../../src-main/core/hotfix/finish-hotfix.js';
import { currentHotfix } from '../../../src-main/core/hotfix/hotfix-scope.js';
import { hotfixReleases } from '../../../src-main/core/hotfix/hotfix-releases.js';
import { hotfixCandidates, pickIntoHotfix } from '../../../src-main/core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

const LOGIN = 'line 1\nline 2\nline 3\n';

/**
 * main: v1.0.0 → v1.1.0 → v1.2.0 lines cut as release/1.1 and release/1.2, main goes on.
 * The fix lives on its own branch off v1.0.0; release/1.1 already has it (a plain cherry-pick,
 * no trailer: only the patch-id says so) and release/1.2 changed the same lines.
 */
function buildHistory(repo: TestRepo): { fix: string; releaseTwo: string } {
  repo.commit('chore: init', { 'login.txt': LOGIN, 'app.txt': 'app\n' });
  repo.tag('v1.0.0');
  repo.commit('feat: profiles', { 'profiles.txt': 'p\n' });
  repo.checkout('release/1.1', true);
  repo.tag('v1.1.0');
  repo.checkout('main');
  repo.commit('feat: search', { 'search.txt': 's\n' });
  repo.checkout('release/1.2', true);
  repo.tag('v1.2.0');
  repo.commit('refactor: login lines', { 'login.txt': 'line 1\nLINE TWO REWRITTEN\nline 3\n' });
  const releaseTwo = repo.head();
  repo.checkout('main');
  repo.commit('feat: later work', { 'later.txt': 'l\n' });

  repo.checkout('v1.0.0');
  repo.checkout('fix/login', true);
  const fix = repo.commit('fix: login crash on empty password', {
    'login.txt': 'line 1\nline 2 fixed\nline 3\n',
  });
  repo.checkout('release/1.1');
  repo.git('cherry-pick', fix);
  repo.tag('v1.1.1');
  repo.checkout('main');
  return { fix, releaseTwo };
}

describe('hotfix from an old release', () => {
  let repo: TestRepo;
  let core: ReturnType<typeof testCore>;

  beforeEach(() => {
    repo = new TestRepo();
    core = testCore();
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
  });

  it('tags the patch as fast-track and carries the fix to main and every newer line', async () => {
    const { fix, releaseTwo } = buildHistory(repo);
    const mainBefore = repo.head();
    const releaseOneOne = repo.git('rev-parse', 'release/1.1');

    const releases = await hotfixReleases(repo.dir);
    expect(releases.map((r) => [r.tag, r.line, r.latestOfLine])).toEqual([
      ['v1.2.0', '1.2.x', true],
      ['v1.1.1', '1.1.x', true],
      ['v1.1.0', '1.1.x', false],
      ['v1.0.0', '1.0.x', true],
    ]);

    const hotfix = await startHotfix(core, repo.dir, 'v1.0.0');
    expect(hotfix).toMatchObject({
      branch: 'hotfix/1.0.1',
      version: '1.0.1',
      tag: 'v1.0.1',
      baseTag: 'v1.0.0',
      returnTo: 'main',
      state: 'started',
    });
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('hotfix/1.0.1');
    expect(repo.head()).toBe(repo.git('rev-parse', 'v1.0.0^{commit}'));

    const candidates = await hotfixCandidates(core, repo.dir, { search: 'login crash' });
    // The original on its branch and the plain cherry-pick of it on release/1.1 are one change, listed once.
    expect(candidates).toHaveLength(1);
    const original = candidates[0]!;
    expect([original.sha, ...original.copies].sort()).toEqual(
      [repo.git('rev-parse', 'v1.1.1^{commit}'), fix].sort(),
    );
    expect(original.containedIn).toEqual(['v1.1.1']);
    expect(original.onHotfix).toBe(false);

    const picked = await pickIntoHotfix(core, repo.dir, [fix]);
    expect(picked.conflict).toBeNull();
    expect(picked.picked).toHaveLength(1);
    expect(picked.hotfix.picks).toEqual([
      { from: fix, to: picked.picked[0]!.to, subject: 'login crash on empty password' },
    ]);
    expect((await currentHotfix(core, repo.dir))?.picks).toHaveLength(1);

    const preview = await previewHotfix(core, repo.dir);
    expect(preview).toMatchObject({
      version: '1.0.1',
      tag: 'v1.0.1',
      carryTargets: ['main', 'release/1.1', 'release/1.2'],
    });
    expect(preview.changelog).toContain('login crash on empty password');

    const result = await finishHotfix(core, repo.dir, {});
    expect(result).toMatchObject({ tag: 'v1.0.1', version: '1.0.1', pushed: false });
    expect(result.hotfix.state).toBe('finished');
    // The annotated tag is fast-tracked: its message ends with the trailer line.
    expect(repo.git('cat-file', '-t', 'v1.0.1')).toBe('tag');
    const tagMessage = repo.git('for-each-ref', '--format=%(contents)', 'refs/tags/v1.0.1');
    expect(tagMessage.trimEnd().split('\n').at(-1)).toBe(HOTFIX_TRAILER);
    expect(tagMessage).toContain('login crash on empty password');
    expect(repo.git('rev-parse', 'v1.0.1^{commit}')).toBe(result.sha);
    expect(repo.git('show', 'v1.0.1:login.txt')).toBe('line 1\nline 2 fixed\nline 3');

    const byBranch = Object.fromEntries(result.carried.map((c) => [c.branch, c]));
    expect(result.carried.map((c) => c.branch)).toEqual(['main', 'release/1.1', 'release/1.2']);
    expect(byBranch.main).toMatchObject({ status: 'applied', files: [] });
    expect(byBranch.main!.sha).toBe(repo.git('rev-parse', 'main'));
    expect(repo.git('rev-parse', 'main~1')).toBe(mainBefore);
    expect(repo.git('show', 'main:login.txt')).toBe('line 1\nline 2 fixed\nline 3');
    expect(repo.git('log', '-1', '--format=%B', 'main')).toContain('(cherry picked from commit');
    expect(byBranch['release/1.1']).toMatchObject({ status: 'already-contained', sha: null });
    expect(byBranch['release/1.1']!.detail).toContain('patch-id');
    expect(repo.git('rev-parse', 'release/1.1')).toBe(releaseOneOne);
    expect(byBranch['release/1.2']).toMatchObject({ status: 'conflict', sha: null, files: ['login.txt'] });
    expect(byBranch['release/1.2']!.detail).toContain('git switch release/1.2 && git cherry-pick -x');
    expect(repo.git('rev-parse', 'release/1.2')).toBe(releaseTwo);

    // Back where the user was, nothing left behind.
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(await currentHotfix(core, repo.dir)).toBeNull();

    const contains = await commitContains(repo.dir, fix);
    expect(contains.releases).toEqual(['v1.0.1', 'v1.1.1']);
    expect(contains.missing).toEqual(['release/1.2']);
    expect(contains.matches).toEqual([
      { tag: 'v1.0.1', via: 'trailer', sha: picked.picked[0]!.to },
      { tag: 'v1.1.1', via: 'patch-id', sha: repo.git('rev-parse', 'v1.1.1^{commit}') },
    ]);

    const actions = core.audit
      .list({ repo: repo.dir })
      .map((e) => e.action)
      .reverse();
    expect(actions).toEqual([
      'hotfix.started',
      'hotfix.picked',
      'release.overridden',
      'release.created',
      'hotfix.finished',
      'hotfix.carried',
      'hotfix.carried',
      'hotfix.carried',
    ]);
    const carriedEvents = core.audit.list({ repo: repo.dir }).filter((e) => e.action === 'hotfix.carried');
    expect(carriedEvents.map((e) => e.details.status).sort()).toEqual([
      'already-contained',
      'applied',
      'conflict',
    ]);
    expect(core.audit.verify()).toMatchObject({ ok: true, events: actions.length });
  });

  it('takes the next free patch when the obvious one is already released', async () => {
    buildHistory(repo);
    repo.checkout('v1.0.0');
    repo.checkout('release/1.0', true);
    repo.commit('fix: other', { 'other.txt': 'o\n' });
    repo.tag('v1.0.1');
    repo.checkout('main');
    const hotfix = await startHotfix(core, repo.dir, 'v1.0.0');
    expect(hotfix).toMatchObject({ branch: 'hotfix/1.0.2', version: '1.0.2' });
  });
});
