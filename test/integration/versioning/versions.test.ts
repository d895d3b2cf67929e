import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
const repos: TestRepo[] = [];
beforeEach(() => {
  core = testCore();
});
afterEach(async () => {
  await core.dispose();
  for (const repo of repos.splice(0)) repo.remove();
});

function newRepo(policy?: string): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  if (policy !== undefined) repo.commit('chore: add release policy', { '.release-desk.yml': policy });
  return repo;
}

async function plan(repo: TestRepo, request: Parameters<typeof planRelease>[2] = {}) {
  return (await planRelease(core, repo.dir, { changelog: false, ...request })).view;
}

describe('the next version', () => {
  it('on a linear history: the highest bump since the last release, with its reasons', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.2.3');
    const fix = repo.commit('fix(api): handle nulls');
    const feat = repo.commit('feat(ui): dark mode');
    repo.commit('docs: typo');
    const view = await plan(repo);
    expect(view).toMatchObject({
      current: '1.2.3',
      next: '1.3.0',
      bump: 'minor',
      from: 'v1.2.3',
      tagName: 'v1.3.0',
    });
    expect(view.to).toBe(repo.head());
    expect(view.commitCount).toBe(3);
    expect(view.reasons).toEqual([
      { sha: feat, type: 'feat', scope: 'ui', subject: 'dark mode', breaking: false, bump: 'minor' },
      { sha: fix, type: 'fix', scope: 'api', subject: 'handle nulls', breaking: false, bump: 'patch' },
    ]);
    expect(view.groups.map((g) => [g.type, g.title, g.commits.length])).toEqual([
      ['feat', 'Features', 1],
      ['fix', 'Bug Fixes', 1],
      ['docs', 'docs', 1],
    ]);
  });

  it('breaking changes from `!` or a footer bump major; non-conventional commits never bump', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    const odd = repo.commit('Update the readme');
    const breaking = repo.commit(
      'refactor(core): new storage\n\nBREAKING-CHANGE: the old files are not read',
    );
    const view = await plan(repo);
    expect(view).toMatchObject({ next: '2.0.0', bump: 'major' });
    expect(view.reasons).toEqual([
      {
        sha: breaking,
        type: 'refactor',
        scope: 'core',
        subject: 'new storage',
        breaking: true,
        bump: 'major',
      },
    ]);
    expect(view.nonConventional.map((c) => [c.sha, c.subject, c.type])).toEqual([
      [odd, 'Update the readme', null],
    ]);
  });

  it('nothing to release when only non-releasing commits landed', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    repo.commit('chore: deps');
    expect(await plan(repo)).toMatchObject({
      current: '1.0.0',
      next: null,
      bump: 'none',
      tagName: null,
      reasons: [],
    });
  });

  it('merge commits count through their parents, not as commits of their own', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    repo.checkout('topic', true);
    const fix = repo.commit('fix: on the branch');
    repo.checkout('main');
    repo.commit('docs: on main');
    repo.merge('topic', 'feat: a merge commit message that must not count');
    const view = await plan(repo);
    expect(view).toMatchObject({ next: '1.0.1', bump: 'patch', commitCount: 2 });
    expect(view.reasons.map((r) => r.sha)).toEqual([fix]);
  });

  it('a squash merge contributes every conventional header in its body', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    const squash = repo.commit(
      'Add exports (#42)\n\n* feat(export): csv files\n\n* fix(export): quote commas',
    );
    const view = await plan(repo);
    expect(view).toMatchObject({ next: '1.1.0', bump: 'minor' });
    expect(view.reasons.map((r) => [r.sha, r.type, r.subject])).toEqual([
      [squash, 'feat', 'csv files'],
      [squash, 'fix', 'quote commas'],
    ]);
  });

  it('a revert and the commit it reverts cancel out; a revert of a released commit is a patch', async () => {
    const repo = newRepo();
    const released = repo.commit('feat: old feature');
    repo.tag('v1.0.0');
    const feat = repo.commit('feat: shiny');
    repo.git('revert', '--no-edit', feat);
    const revert = repo.head();
    let view = await plan(repo);
    expect(view).toMatchObject({ next: null, bump: 'none' });
    expect(view.cancelled).toEqual([{ sha: feat, by: revert }]);

    repo.git('revert', '--no-edit', released);
    view = await plan(repo);
    expect(view).toMatchObject({ next: '1.0.1', bump: 'patch' });
    expect(view.reasons).toHaveLength(1);
    expect(view.reasons[0]).toMatchObject({ type: 'revert', bump: 'patch' });
  });

  it('0.x: a breaking change bumps minor by default, or leaves 0.x when preMajor is off', async () => {
    const byDefault = newRepo();
    byDefault.commit('feat: start');
    byDefault.tag('v0.3.1');
    byDefault.commit('feat!: new api');
    expect(await plan(byDefault)).toMatchObject({ current: '0.3.1', next: '0.4.0', bump: 'major' });

    const strict = newRepo('versioning:\n  preMajor: false\n');
    strict.tag('v0.3.1');
    strict.commit('feat!: new api');
    expect(await plan(strict)).toMatchObject({ current: '0.3.1', next: '1.0.0' });
  });

  it('prereleases: rc.1, then rc.2 (counter from existing tags), then the stable version', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.2.3');
    repo.commit('feat: big thing');
    expect(await plan(repo, { prerelease: 'rc' })).toMatchObject({ current: '1.2.3', next: '1.3.0-rc.1' });
    repo.tag('v1.3.0-rc.1');
    repo.commit('fix: polish');
    expect(await plan(repo, { prerelease: 'rc' })).toMatchObject({
      current: '1.2.3',
      from: 'v1.2.3',
      next: '1.3.0-rc.2',
      commitCount: 2,
    });
    repo.tag('v1.3.0-rc.2');
    expect(await plan(repo)).toMatchObject({ current: '1.2.3', next: '1.3.0', tagName: 'v1.3.0' });
  });

  it('a maintenance branch takes its version from its own line, not from newer releases on main', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.2.0');
    repo.checkout('release/1.2.x', true);
    repo.commit('fix: backport');
    repo.tag('v1.2.1');
    repo.checkout('main');
    repo.commit('feat!: rewrite');
    repo.tag('v2.0.0');
    repo.checkout('release/1.2.x');
    repo.commit('fix: another backport');
    expect(await plan(repo)).toMatchObject({ current: '1.2.1', next: '1.2.2', from: 'v1.2.1' });
  });

  it('ignores tags that are not SemVer or lack the prefix, and handles several tags on one commit', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    repo.commit('fix: x');
    repo.tag('latest');
    repo.tag('v1.1');
    repo.tag('2.0.0');
    repo.tag('vv3.0.0');
    repo.tag('v1.0.1');
    repo.lightweightTag('v1.0.1-rc.1');
    repo.commit('fix: y');
    expect(await plan(repo)).toMatchObject({
      current: '1.0.1',
      from: 'v1.0.1',
      next: '1.0.2',
      commitCount: 1,
    });
  });

  it('reads tags packed or loose, lightweight, annotated or tagging a tag, at the commit they name', async () => {
    const repo = newRepo();
    const first = repo.commit('feat: start');
    repo.lightweightTag('v1.0.0');
    const second = repo.commit('fix: x');
    repo.tag('v1.0.1');
    repo.git('pack-refs', '--all');
    repo.commit('feat: y');
    repo.git('tag', '-a', '-m', 'a tag of a tag', 'v1.1.0', 'v1.0.1');
    const { range, view } = await planRelease(core, repo.dir, { changelog: false });
    expect(range.allReleases.map((tag) => [tag.name, tag.sha])).toEqual([
      ['v1.1.0', second],
      ['v1.0.1', second],
      ['v1.0.0', first],
    ]);
    expect(view).toMatchObject({ current: '1.1.0', next: '1.2.0', commitCount: 1 });
  });

  it('honours a custom tag prefix', async () => {
    const repo = newRepo('versioning:\n  tagPrefix: "release-"\n');
    repo.tag('v9.0.0');
    repo.tag('release-1.0.0');
    repo.commit('feat: more');
    expect(await plan(repo)).toMatchObject({ current: '1.0.0', next: '1.1.0', tagName: 'release-1.1.0' });
  });

  it('a repository without release tags: the first release is 0.1.0, or 1.0.0 per policy', async () => {
    const repo = newRepo();
    repo.commit('fix: first');
    repo.commit('feat: second');
    expect(await plan(repo)).toMatchObject({ current: null, from: null, next: '0.1.0', commitCount: 2 });
    expect(await plan(repo, { prerelease: 'beta' })).toMatchObject({ next: '0.1.0-beta.1' });

    const stable = newRepo('versioning:\n  initialVersion: 1.0.0\n');
    stable.commit('feat: first');
    expect(await plan(stable)).toMatchObject({ current: null, next: '1.0.0' });
  });

  it('a Release-As footer forces the version (the newest wins); an override must be SemVer and greater', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    repo.commit('fix: a\n\nRelease-As: 3.0.0');
    repo.commit('chore: b\n\nRelease-As: 2.5.0');
    expect(await plan(repo)).toMatchObject({ next: '2.5.0' });
    expect(await plan(repo, { releaseAs: '4.0.0' })).toMatchObject({ next: '4.0.0' });
    await expect(plan(repo, { releaseAs: 'v4' })).rejects.toMatchObject({ code: 'invalid-version' });
    await expect(plan(repo, { releaseAs: '0.9.0' })).rejects.toThrow(
      /not greater than the current version 1.0.0/,
    );
  });

  it('--from and --to: any refs; current is the version of the --from tag or the newest release behind it', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    const a = repo.commit('feat: a');
    repo.tag('v1.1.0');
    const b = repo.commit('fix: b');
    repo.commit('feat: c');
    const byTag = await plan(repo, { from: 'v1.0.0', to: b });
    expect(byTag).toMatchObject({ current: '1.0.0', from: 'v1.0.0', to: b, next: '1.1.0', commitCount: 2 });
    const bySha = await plan(repo, { from: b.slice(0, 10) });
    expect(bySha).toMatchObject({ current: '1.1.0', from: b.slice(0, 10), next: '1.2.0', commitCount: 1 });
    expect((await plan(repo, { to: a })).current).toBe('1.1.0');
    await expect(plan(repo, { from: 'no-such-ref' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('rejects hostile revisions before git sees them', async () => {
    const repo = newRepo();
    repo.commit('feat: start');
    for (const from of ['--upload-pack=touch /tmp/pwned', '-x', 'a..b', 'HEAD~1:secret']) {
      await expect(plan(repo, { from })).rejects.toMatchObject({ code: 'invalid-ref' });
    }
    await expect(plan(repo, { to: '--output=/tmp/x' })).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('warns on a shallow clone', async () => {
    const origin = newRepo();
    origin.commit('feat: one');
    origin.tag('v1.0.0');
    origin.commit('fix: two');
    origin.commit('fix: three');
    const clone = new TestRepo(undefined, false);
    repos.push(clone);
    clone.git('clone', '-q', '--depth', '2', `file://${origin.dir}`, '.');
    const view = await plan(clone);
    expect(view.warnings.join(' ')).toMatch(/shallow clone/);
    expect(view).toMatchObject({ current: null, next: '0.1.0', commitCount: 2 });
  });
});
