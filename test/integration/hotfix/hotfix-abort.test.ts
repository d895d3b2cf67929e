import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abortHotfix } from '../../../src-main/core/hotfix/abort-hotfix.js';
import { finishHotfix } from '../../../src-main/core/hotfix/finish-hotfix.js';
import { currentHotfix } from '../../../src-main/core/hotfix/hotfix-scope.js';
import { pickIntoHotfix } from '../../../src-main/core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

/** Everything abort must put back: every ref, HEAD, the index and the working tree. The ledger only ever grows, so it is left out. */
function snapshot(repo: TestRepo) {
  return {
    refs: repo
      .git('for-each-ref', '--format=%(refname) %(objectname)')
      .split('\n')
      .filter((line) => !line.startsWith('refs/release-desk/'))
      .join('\n'),
    head: repo.git('rev-parse', 'HEAD'),
    symbolic: repo.git('rev-parse', '--symbolic-full-name', 'HEAD'),
    status: repo.git('status', '--porcelain', '--untracked-files=all'),
    tree: repo.git('ls-files', '-s'),
    untracked: readFileSync(path.join(repo.dir, 'notes.local'), 'utf8'),
  };
}

describe('hotfix abort', () => {
  let repo: TestRepo;
  let core: ReturnType<typeof testCore>;
  let conflicting: string;
  let clean: string;

  beforeEach(() => {
    repo = new TestRepo();
    core = testCore();
    repo.commit('chore: init', { 'config.txt': 'timeout = 10\n' });
    repo.tag('v2.0.0');
    repo.commit('refactor: config format', { 'config.txt': 'timeout: 10s\n' });
    clean = repo.commit('fix: guard null user', { 'user.txt': 'guarded\n' });
    conflicting = repo.commit('fix: longer timeout', { 'config.txt': 'timeout: 30s\n' });
    repo.checkout('feature/x', true);
    repo.commit('feat: wip', { 'wip.txt': 'wip\n' });
    // An untracked file of the user's: abort must leave it alone.
    writeFileSync(path.join(repo.dir, 'notes.local'), 'my notes\n');
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
  });

  it('restores branches, HEAD and the working tree exactly after a conflicted pick', async () => {
    const before = snapshot(repo);
    await startHotfix(core, repo.dir, 'v2.0.0');
    const outcome = await pickIntoHotfix(core, repo.dir, [clean, conflicting]);
    expect(outcome.picked.map((p) => p.from)).toEqual([clean]);
    expect(outcome.conflict).toMatchObject({ sha: conflicting, files: ['config.txt'] });
    expect(outcome.conflict!.message).toContain('git cherry-pick --continue');
    // Left for the user to resolve: the cherry-pick is in progress on the hotfix branch.
    expect(repo.git('rev-parse', '--verify', 'CHERRY_PICK_HEAD')).toBe(conflicting);
    expect((await currentHotfix(core, repo.dir))?.conflict).toMatchObject({
      sha: conflicting,
      files: ['config.txt'],
    });
    await expect(pickIntoHotfix(core, repo.dir, [clean])).rejects.toThrow(/cherry-pick is in progress/);
    await expect(finishHotfix(core, repo.dir, {})).rejects.toThrow(/cherry-pick is in progress/);

    const aborted = await abortHotfix(core, repo.dir);
    expect(aborted).toMatchObject({ state: 'aborted', branch: 'hotfix/2.0.1', returnTo: 'feature/x' });
    expect(snapshot(repo)).toEqual(before);
    expect(await currentHotfix(core, repo.dir)).toBeNull();
    const actions = core.audit
      .list({ repo: repo.dir })
      .map((e) => e.action)
      .reverse();
    expect(actions).toEqual(['hotfix.started', 'hotfix.picked', 'hotfix.aborted']);
    expect(core.audit.verify()).toMatchObject({ ok: true });
  });

  it('returns to a detached HEAD and refuses to start over uncommitted changes', async () => {
    repo.checkout(repo.git('rev-parse', 'main'));
    const before = snapshot(repo);
    await startHotfix(core, repo.dir, 'v2.0.0');
    await pickIntoHotfix(core, repo.dir, [clean]);
    await abortHotfix(core, repo.dir);
    expect(snapshot(repo)).toEqual(before);

    repo.write('config.txt', 'edited\n');
    await expect(startHotfix(core, repo.dir, 'v2.0.0')).rejects.toThrow(/uncommitted changes/);
    expect(repo.git('branch', '--list', 'hotfix/*')).toBe('');
  });

  it('refuses a tag that is no release and a second hotfix at once', async () => {
    repo.tag('not-a-release');
    await expect(startHotfix(core, repo.dir, 'not-a-release')).rejects.toThrow(/is not a release tag/);
    await startHotfix(core, repo.dir, '2.0.0');
    await expect(startHotfix(core, repo.dir, 'v2.0.0')).rejects.toThrow(/hotfix\/2\.0\.1 is in progress/);
  });
});
