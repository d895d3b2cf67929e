import { describe, expect, it } from 'vitest';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import type { TestRepo } from '../../support/git-fixture.js';
import { repoSession } from '../../support/repo-session.js';

/** Shapes `release-desk replay` found on real histories (Vue, Angular CLI, conventional-changelog). */

const session = repoSession();
const newRepo = () => session.newRepo();

async function plan(repo: TestRepo, request: Parameters<typeof planRelease>[2] = {}) {
  return (await planRelease(session.core, repo.dir, request)).view;
}

describe('prerelease notes', () => {
  it('list what is new since the prerelease before it, not everything since the last stable release', async () => {
    const repo = newRepo();
    repo.commit('feat: base');
    repo.tag('v3.5.0');
    repo.commit('feat(vapor): in beta 1');
    repo.tag('v3.6.0-beta.1');
    repo.commit('fix(vapor): after beta 1');
    const view = await plan(repo, { prerelease: 'beta' });
    expect(view).toMatchObject({ current: '3.5.0', next: '3.6.0-beta.2' });
    expect(view.changelog).toContain('after beta 1');
    expect(view.changelog).not.toContain('in beta 1');
    // The bump still counts from the stable release: the feature of beta 1 keeps it a minor.
    expect(view.reasons.map((reason) => reason.subject)).toEqual(['in beta 1', 'after beta 1']);

    // The stable release rolls them up (changelog.rollUpPrereleases, on by default).
    const stable = await plan(repo);
    expect(stable.next).toBe('3.6.0');
    expect(stable.changelog).toContain('in beta 1');
    expect(stable.changelog).toContain('after beta 1');
  });
});

describe('prerelease counters', () => {
  it('start where the newest series of the repository started (Vue: 3.0.0-alpha.0, then years of .1)', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    repo.tag('v3.0.0-alpha.0');
    repo.commit('feat: two');
    repo.tag('v3.0.0');
    repo.commit('feat: three');
    repo.tag('v3.4.0-alpha.1');
    repo.commit('feat: four');
    repo.tag('v3.4.0');
    repo.commit('feat: five');
    expect((await plan(repo, { prerelease: 'alpha', changelog: false })).next).toBe('3.5.0-alpha.1');
    // A channel never used follows the newest series of any channel.
    expect((await plan(repo, { prerelease: 'rc', changelog: false })).next).toBe('3.5.0-rc.1');
  });

  it('pass over a series whose first tags are gone (Angular CLI tagged 21.1.0-next.0 and .1 without the prefix)', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    repo.tag('v21.0.0-next.0');
    repo.commit('feat: two');
    repo.tag('v21.0.0');
    repo.commit('feat: three');
    repo.tag('21.1.0-next.1');
    repo.tag('v21.1.0-next.2');
    repo.commit('feat: four');
    repo.tag('v21.1.0');
    repo.commit('feat: five');
    expect((await plan(repo, { prerelease: 'next', changelog: false })).next).toBe('21.2.0-next.0');
  });
});

describe('a release whose tagged commit was made again (amended or rebased after the tag)', () => {
  it('on main: counts from that release as reached, no line bump (conventional-changelog 0.0.5 → 0.0.6)', async () => {
    const repo = newRepo();
    repo.commit('feat: create the module');
    repo.tag('v0.0.4');
    repo.commit('refactor: split code into modules');
    repo.commit('chore(release): v0.0.5', { 'CHANGELOG.md': '### 0.0.5\n' });
    repo.tag('v0.0.5');
    // Amended 21 s later: same author and author date, another commit; the tag stays behind.
    repo.write('package.json', '{"version":"0.0.5"}\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '--amend', '--no-edit');
    repo.commit('fix(git): sort tags by date');
    const view = await plan(repo, { changelog: false });
    expect(view).toMatchObject({ from: 'v0.0.5', current: '0.0.5', next: '0.0.6', commitCount: 1 });
  });

  it('on a release branch: counts from it rather than the release before (Angular CLI 1.4.2 → 1.4.3)', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    repo.tag('v1.4.1');
    repo.checkout('1.4.x', true);
    repo.commit('fix: for #7615');
    const release = repo.commit('release: 1.4.2');
    repo.tag('v1.4.2');
    // The branch was rebuilt: the release commit picked again onto its parent (author date kept).
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.git('cherry-pick', release);
    repo.commit('fix: allow trailing commas in lint rules');
    repo.checkout('main');
    repo.commit('feat: on main meanwhile');
    repo.checkout('1.4.x');
    const view = await plan(repo, { changelog: false });
    expect(view).toMatchObject({ from: 'v1.4.2', current: '1.4.2', next: '1.4.3', commitCount: 1 });
  });

  it('a fix carried to main with `-x` is a pick, not the release made again: main still moves past the line', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    repo.tag('v1.2.0');
    repo.checkout('hotfix/1.2.1', true);
    const fix = repo.commit('fix: crash');
    repo.tag('v1.2.1');
    repo.checkout('main');
    repo.git('cherry-pick', '-x', fix);
    repo.commit('fix: another');
    expect(await plan(repo, { changelog: false })).toMatchObject({ from: 'v1.2.1', next: '1.3.0' });
  });
});
