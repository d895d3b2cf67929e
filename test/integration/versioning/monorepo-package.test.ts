import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { changelogForRange } from '../../../src-main/core/changelog/range-changelog.js';
import { replayReleases } from '../../../src-main/core/replay/replay-releases.js';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
beforeEach(() => {
  core = testCore({ now: () => new Date('2026-02-03T09:00:00Z') });
  repo = new TestRepo();
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

/**
 * conventional-changelog's shape: packages tagged each behind its own prefix
 * (`angular-v9.3.0`, `writer-v8.1.0`), one history for all of them, a side branch merged in.
 */
function monorepo(): { angularFix: string; writerFeat: string; sideFix: string } {
  repo.commit('chore: start', { 'packages/angular/index.js': '1\n', 'packages/writer/index.js': '1\n' });
  repo.tag('angular-v9.3.0');
  repo.tag('writer-v8.1.0');
  const writerFeat = repo.commit('feat(writer): render functions', { 'packages/writer/index.js': '2\n' });
  const angularFix = repo.commit('fix(angular): keep the scope', { 'packages/angular/index.js': '2\n' });
  repo.checkout('side', true);
  const sideFix = repo.commit('fix(angular): a fix from a branch', { 'packages/angular/lib.js': '1\n' });
  repo.checkout('main');
  repo.merge('side');
  repo.commit('docs: the root readme', { 'README.md': 'hi\n' });
  return { angularFix, writerFeat, sideFix };
}

const policyFor = (name: string, paths: string) =>
  `versioning:\n  tagPrefix: ${name}-v\n  paths: [${paths}]\n`;

describe('one package of a monorepo (versioning.tagPrefix + versioning.paths)', () => {
  it('counts only the commits that change its paths, side branches included', async () => {
    const { angularFix, sideFix } = monorepo();
    repo.write('.release-desk.yml', policyFor('angular', 'packages/angular'));
    const { view } = await planRelease(core, repo.dir, {});
    // The writer's feature is another package's: a patch, not a minor.
    expect(view).toMatchObject({ current: '9.3.0', next: '9.3.1', bump: 'patch', commitCount: 2 });
    expect(view.reasons.map((reason) => reason.sha).sort()).toEqual([angularFix, sideFix].sort());
    expect(view.changelog).toContain('keep the scope');
    expect(view.changelog).not.toContain('render functions');
    expect(view.changelog).not.toContain('the root readme');
  });

  it('gives the other package its own version and notes', async () => {
    const { writerFeat } = monorepo();
    repo.write('.release-desk.yml', policyFor('writer', './packages/writer/'));
    const { view } = await planRelease(core, repo.dir, {});
    expect(view).toMatchObject({ current: '8.1.0', next: '8.2.0', commitCount: 1 });
    expect(view.reasons.map((reason) => reason.sha)).toEqual([writerFeat]);
    const notes = await changelogForRange(core, repo.dir, {});
    expect(notes.markdown).toContain('render functions');
    expect(notes.markdown).not.toContain('keep the scope');
  });

  it('splits the whole history by its own releases, each with only its changes', async () => {
    monorepo();
    repo.tag('angular-v9.3.1');
    repo.commit('feat(writer): a later writer feature', { 'packages/writer/index.js': '3\n' });
    repo.commit('feat(angular): a later angular feature', { 'packages/angular/index.js': '3\n' });
    repo.write('.release-desk.yml', policyFor('angular', 'packages/angular'));
    const { documents } = await changelogForRange(core, repo.dir, { all: true, version: '9.4.0' });
    expect(documents.map((doc) => doc.version)).toEqual(['9.4.0', '9.3.1', '9.3.0']);
    const entries = (index: number) =>
      documents[index]!.sections.flatMap((section) => section.entries.map((entry) => entry.subject));
    expect(entries(0)).toEqual(['a later angular feature']);
    expect(entries(1).sort()).toEqual(['a fix from a branch', 'keep the scope']);
  });

  it('takes its paths literally: no pathspec magic from a policy file', async () => {
    monorepo();
    repo.write('.release-desk.yml', policyFor('angular', "':(exclude)packages/angular'"));
    const { view } = await planRelease(core, repo.dir, {});
    // No directory is named that: nothing counts, rather than everything but the package.
    expect(view).toMatchObject({ next: null, commitCount: 0 });
  });

  it('says so when the range holds tags behind another prefix, and not once a package is chosen', async () => {
    monorepo();
    repo.tag('angular-v9.3.1');
    const { view } = await planRelease(core, repo.dir, {});
    expect(view.current).toBeNull();
    expect(view.warnings).toContain(
      '3 tags in this range name a version behind another prefix (e.g. angular-v9.3.1, angular-v9.3.0): ' +
        'Release Desk reads only tags "v" followed by a version (versioning.tagPrefix); to version one package ' +
        'of a monorepo, set versioning.tagPrefix to its prefix (e.g. "angular-v") and versioning.paths to its directory.',
    );
    const notes = await changelogForRange(core, repo.dir, { all: true });
    expect(notes.warnings.join('\n')).toContain('behind another prefix');
    repo.write('.release-desk.yml', policyFor('angular', 'packages/angular'));
    expect((await planRelease(core, repo.dir, {})).view.warnings).toEqual([]);
  });

  it('releases the package in its own directory: its package.json and CHANGELOG.md, its tag', async () => {
    monorepo();
    repo.commit('chore: package manifests', {
      'package.json': '{ "name": "root", "private": true }\n',
      'packages/angular/package.json': '{\n  "name": "angular",\n  "version": "9.3.0"\n}\n',
      '.release-desk.yml': policyFor('angular', 'packages/angular'),
    });
    const outcome = await createRelease(core, repo.dir, {});
    expect(outcome).toMatchObject({ version: '9.3.1', tag: 'angular-v9.3.1' });
    expect(outcome.files).toEqual(['packages/angular/package.json', 'packages/angular/CHANGELOG.md']);
    const read = (file: string) => readFileSync(path.join(repo.dir, file), 'utf8');
    expect(JSON.parse(read('packages/angular/package.json')).version).toBe('9.3.1');
    expect(read('package.json')).toBe('{ "name": "root", "private": true }\n');
    expect(read('packages/angular/CHANGELOG.md')).toContain('keep the scope');
    expect(repo.git('tag', '--points-at', 'HEAD')).toBe('angular-v9.3.1');
    // Replay compares with the package's own CHANGELOG.md.
    expect(await replayReleases(core, repo.dir, {})).toMatchObject({
      releases: 2,
      versionsAgreed: 1,
      notesCompared: 1,
      notesAgreed: 1,
    });
  });
});

describe('replaying a package released on main after a patch on its line', () => {
  it('tells another package’s change in its notes apart from a change picked onto the line', async () => {
    repo.commit('chore: start', {
      'packages/a/index.js': '1\n',
      'packages/b/index.js': '1\n',
      '.release-desk.yml': policyFor('a', 'packages/a'),
    });
    repo.tag('a-v0.9.0');
    repo.checkout('a-0.9.x', true);
    repo.checkout('main');
    const fixA = repo.commit('fix(a): keep the scope', { 'packages/a/index.js': '2\n' });
    repo.commit('fix(b): shared tooling', { 'packages/b/index.js': '2\n' });
    repo.checkout('a-0.9.x');
    repo.cherryPick(fixA);
    repo.tag('a-v0.9.1');
    repo.checkout('main');
    repo.commit('feat(a): a new engine', { 'packages/a/index.js': '3\n' });
    // The project's own notes list the other package's fix too.
    repo.commit('chore(release): a 0.10.0', {
      'packages/a/CHANGELOG.md':
        '## 0.10.0 (2026-01-05)\n\n### Features\n\n* a new engine\n\n### Bug Fixes\n\n* shared tooling\n',
    });
    repo.tag('a-v0.10.0');

    const report = await replayReleases(core, repo.dir, { since: 'a-v0.10.0', limit: 1 });
    expect(report).toMatchObject({ releases: 1, versionsAgreed: 1, notesCompared: 1, notesAgreed: 0 });
    const [notes] = report.disagreements;
    expect(notes).toMatchObject({ tag: 'a-v0.10.0', kind: 'notes' });
    expect(notes!.reason).toContain('change none of versioning.paths');
    expect(notes!.reason).toContain('shared tooling');
    expect(notes!.reason).not.toContain('picked onto its line');
  });
});
