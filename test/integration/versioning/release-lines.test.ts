import { describe, expect, it } from 'vitest';
import { changelogForRange } from '../../../src-main/core/changelog/range-changelog.js';
import { finishHotfix } from '../../../src-main/core/hotfix/finish-hotfix.js';
import { pickIntoHotfix } from '../../../src-main/core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { pickOntoTrain } from '../../../src-main/core/trains/pick-train.js';
import { shipTrain } from '../../../src-main/core/trains/ship-train.js';
import { freezeTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import { gitCommands } from '../../support/git-trace.js';
import { type TestRepo } from '../../support/git-fixture.js';
import { repoSession } from '../../support/repo-session.js';

const session = repoSession();
const newRepo = () => session.newRepo();

async function plan(repo: TestRepo, request: Parameters<typeof planRelease>[2] = {}) {
  return (await planRelease(session.core, repo.dir, { changelog: false, ...request })).view;
}

/**
 * The Angular workflow: main carries `X.Y.0-next.N` prereleases; each minor is branched as
 * `X.Y.x`, where its `-rc.N` and stable tags live; fixes land on main and are picked onto
 * the branch with `-x`. Stable releases are never reachable from main.
 */
function angularShaped(repo: TestRepo): { pickedFix: string } {
  repo.commit('feat: first');
  repo.tag('v22.0.0-next.0');
  repo.commit('feat(@angular/build): esbuild everywhere');
  repo.tag('v22.0.0-next.1');
  repo.checkout('22.0.x', true);
  repo.commit('release: cut v22.0.0-rc.0');
  repo.tag('v22.0.0-rc.0');
  repo.commit('release: cut v22.0.0');
  repo.tag('v22.0.0');
  repo.checkout('main');
  const pickedFix = repo.commit('fix(@angular/cli): crash on empty config', { 'cli.txt': 'fixed\n' });
  repo.checkout('22.0.x');
  repo.cherryPick(pickedFix);
  repo.tag('v22.0.1');
  repo.checkout('main');
  repo.commit('feat(@schematics/angular): standalone by default');
  repo.tag('v22.1.0-next.0');
  repo.commit('fix(@angular/ssr): abort on close');
  return { pickedFix };
}

describe('release lines: stable releases tagged on branches cut from main', () => {
  it('main continues its prerelease line and counts from the stable release on the branch', async () => {
    const repo = newRepo();
    angularShaped(repo);
    const next = await plan(repo, { prerelease: 'next' });
    expect(next).toMatchObject({ current: '22.0.1', from: 'v22.0.1', next: '22.1.0-next.1', blocked: null });
    // A stable release from main graduates its own prerelease line.
    expect((await plan(repo)).next).toBe('22.1.0');
  });

  it('moves main to the next minor once X.Y.0 is released on its branch, and to a major when breaking', async () => {
    const repo = newRepo();
    angularShaped(repo);
    repo.checkout('22.1.x', true);
    repo.tag('v22.1.0-rc.0');
    repo.commit('release: cut v22.1.0');
    repo.tag('v22.1.0');
    repo.checkout('main');
    repo.commit('fix: after the 22.1 cut');
    // Only a fix since the cut, yet main's next release is never a patch of the 22.1 line.
    expect(await plan(repo, { prerelease: 'next' })).toMatchObject({
      current: '22.1.0',
      next: '22.2.0-next.0',
    });
    repo.commit('feat!: drop the old builder');
    expect((await plan(repo, { prerelease: 'next' })).next).toBe('23.0.0-next.0');
  });

  it('moves main past a version its release-candidate branch stabilizes', async () => {
    const repo = newRepo();
    angularShaped(repo);
    repo.checkout('22.1.x', true);
    repo.commit('release: cut v22.1.0-rc.0');
    repo.tag('v22.1.0-rc.0');
    repo.checkout('main');
    repo.commit('feat: after the rc cut');
    expect((await plan(repo, { prerelease: 'next' })).next).toBe('22.2.0-next.0');
  });

  it('a development branch running ahead of main claims nothing (the Vue shape: main ships patches)', async () => {
    const repo = newRepo();
    repo.commit('feat: base');
    repo.tag('v3.5.0');
    repo.checkout('minor', true);
    repo.commit('feat: vapor mode');
    repo.tag('v3.6.0-beta.1');
    repo.checkout('main');
    repo.commit('fix: hydration mismatch');
    expect(await plan(repo)).toMatchObject({ current: '3.5.0', next: '3.5.1' });
  });

  it('a branch of a line is not counted from a newer line', async () => {
    const repo = newRepo();
    angularShaped(repo);
    repo.checkout('22.0.x');
    repo.commit('fix: only on the 22.0 line');
    expect(await plan(repo)).toMatchObject({ current: '22.0.1', next: '22.0.2' });
  });

  it('leaves out of main’s notes the fixes its line shipped as cherry-picks, and says so in one line', async () => {
    const repo = newRepo();
    const { pickedFix } = angularShaped(repo);
    // A pick without -x: only the patch-id tells.
    const plainFix = repo.commit('fix: plain pick', { 'plain.txt': 'p\n' });
    repo.checkout('22.0.x');
    repo.git('cherry-pick', plainFix);
    repo.tag('v22.0.2');
    repo.checkout('main');
    const view = (await planRelease(session.core, repo.dir)).view;
    const listed = view.groups.flatMap((group) => group.commits.map((commit) => commit.sha));
    expect(listed).not.toContain(pickedFix);
    expect(listed).not.toContain(plainFix);
    expect(view.warnings).toContain('2 changes already released in v22.0.2 (picked onto its line) left out.');
    expect(view.changelog).not.toContain('crash on empty config');
    expect(view.changelog).toContain('abort on close');
    const notes = await changelogForRange(session.core, repo.dir, {});
    expect(notes.markdown).not.toContain('plain pick');
    expect(notes.warnings).toContain(
      '2 changes already released in v22.0.2 (picked onto its line) left out.',
    );
  });
});

describe('release lines made by Release Desk: a train and a hotfix', () => {
  it('main proposes the next minor after shipping train 2.1.0 and hotfix 2.0.1, never an existing tag', async () => {
    const repo = newRepo();
    repo.commit('feat: base', { 'app.txt': 'app\n' });
    repo.tag('v2.0.0');
    repo.commit('feat(api): search');
    await cutTrain(session.core, repo.dir);
    const fix = repo.commit('fix: crash on start', { 'crash.txt': 'fixed\n' });
    await freezeTrain(session.core, repo.dir);
    await pickOntoTrain(session.core, repo.dir, [fix]);
    await shipTrain(session.core, repo.dir, {});
    expect(repo.git('rev-parse', 'v2.1.0^{commit}')).toBe(repo.git('rev-parse', 'release/2.1'));

    repo.checkout('v2.0.0');
    repo.checkout('fix/token', true);
    const hotfix = repo.commit('fix: token leak', { 'token.txt': 'safe\n' });
    repo.checkout('main');
    await startHotfix(session.core, repo.dir, 'v2.0.0');
    await pickIntoHotfix(session.core, repo.dir, [hotfix]);
    await finishHotfix(session.core, repo.dir, {});
    repo.checkout('main');
    expect(repo.git('tag', '--list', 'v2.0.1')).toBe('v2.0.1');

    const view = await plan(repo);
    expect(view).toMatchObject({ current: '2.1.0', from: 'v2.1.0', next: '2.2.0', blocked: null });
    expect(view.warnings).toContain('1 change already released in v2.1.0 (picked onto its line) left out.');
    const subjects = view.reasons.map((reason) => reason.subject);
    expect(subjects).not.toContain('crash on start');
    repo.commit('feat!: new storage');
    expect((await plan(repo)).next).toBe('3.0.0');
  });

  it('disables the release with the reason when the version’s tag exists on another line', async () => {
    const repo = newRepo();
    repo.commit('feat: base');
    repo.tag('v1.0.0');
    repo.checkout('1.0.x', true);
    repo.commit('feat: a feature on the maintenance line');
    repo.checkout('main');
    repo.commit('feat: main work');
    repo.tag('v1.1.0');
    repo.checkout('1.0.x');
    const view = await plan(repo);
    expect(view.next).toBe('1.1.0');
    expect(view.blocked).toBe('The tag v1.1.0 already exists: releasing it would be refused.');
  });
});

describe('prerelease counters and graduation', () => {
  it('graduates the newest prerelease to its stable version (22.0.0-rc.3 → 22.0.0)', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    repo.tag('v21.2.0');
    repo.commit('feat: two');
    repo.tag('v22.0.0-rc.3');
    repo.commit('fix: last fix');
    expect(await plan(repo)).toMatchObject({ current: '21.2.0', next: '22.0.0' });
    expect((await plan(repo, { prerelease: 'rc' })).next).toBe('22.0.0-rc.4');
  });

  it('starts counters where the repository’s own tags start: 0, 1, and 1 with no history', async () => {
    const zero = newRepo();
    zero.commit('feat: one');
    zero.tag('v1.0.0-next.0');
    zero.commit('feat: two');
    zero.tag('v1.0.0');
    zero.commit('feat: three');
    expect((await plan(zero, { prerelease: 'next' })).next).toBe('1.1.0-next.0');
    expect((await plan(zero, { prerelease: 'rc' })).next).toBe('1.1.0-rc.0');

    const one = newRepo();
    one.commit('feat: one');
    one.tag('v1.0.0-beta.1');
    one.commit('feat: two');
    one.tag('v1.0.0');
    one.commit('feat: three');
    expect((await plan(one, { prerelease: 'beta' })).next).toBe('1.1.0-beta.1');

    const none = newRepo();
    none.commit('feat: one');
    expect((await plan(none, { prerelease: 'rc' })).next).toBe('0.1.0-rc.1');
  });

  it('rolls a stable release’s prereleases up into its notes unless the policy says otherwise', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    repo.tag('v1.0.0');
    repo.commit('feat: in the rc');
    repo.tag('v1.1.0-rc.0');
    repo.commit('fix: after the rc');
    const rolled = (await planRelease(session.core, repo.dir)).view;
    expect(rolled.next).toBe('1.1.0');
    expect(rolled.changelog).toContain('in the rc');
    expect(rolled.changelog).toContain('after the rc');

    repo.commit('chore: policy', { '.release-desk.yml': 'changelog:\n  rollUpPrereleases: false\n' });
    const own = (await planRelease(session.core, repo.dir)).view;
    expect(own.next).toBe('1.1.0');
    expect(own.changelog).not.toContain('in the rc');
    expect(own.changelog).toContain('after the rc');
  });
});

describe('contributors', () => {
  it('are one person through .mailmap and merged by name', async () => {
    const repo = newRepo();
    repo.commit('feat: base');
    repo.tag('v1.0.0');
    const as = (name: string, email: string, message: string) =>
      repo.gitWithEnv(
        { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email },
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        message,
      );
    as('Ada Lovelace', 'ada@work.example', 'feat: engine');
    as('ada', 'ada@home.example', 'fix: gears');
    as('Charles Babbage', 'cb@one.example', 'fix: cards');
    as('Charles Babbage', 'cb@two.example', 'perf: faster cards');
    repo.commit('chore: mailmap', { '.mailmap': 'Ada Lovelace <ada@work.example> ada <ada@home.example>\n' });
    const notes = await changelogForRange(session.core, repo.dir, {});
    const contributors = notes.documents[0]!.contributors!.map((c) => [c.name, c.commits]);
    expect(contributors).toEqual([
      ['Ada Lovelace', 2],
      ['Charles Babbage', 2],
      ['Ada Tester', 1],
    ]);
  });
});

describe('the previous-release search', () => {
  it('does not grow with the number of tags that do not apply: a few probes, then one walk', async () => {
    const repo = newRepo();
    repo.commit('feat: base');
    repo.tag('v1.0.0');
    repo.checkout('1.0.x', true);
    repo.commit('fix: on the old line');
    repo.checkout('main');
    for (let minor = 1; minor <= 40; minor++) {
      repo.commit(`feat: feature ${minor}`);
      repo.tag(`v1.${minor}.0`);
    }
    repo.checkout('1.0.x');
    // Every git process the search starts.
    const commands = await gitCommands(async () =>
      expect(await plan(repo)).toMatchObject({ current: '1.0.0', next: '1.0.1' }),
    );
    // One asks whether the target is on main; twelve probe the highest tags, the first alone,
    // then four at a time in one process each (`rev-list --stdin`).
    const reachability = commands.filter(
      (c) => c.startsWith('merge-base --is-ancestor') || (c.startsWith('rev-list') && c.includes('--stdin')),
    );
    expect(reachability.length).toBe(5);
    expect(commands.filter((c) => c.startsWith('for-each-ref --merged')).length).toBe(1);
  });
});
