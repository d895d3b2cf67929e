import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changelogForRange } from '../../../src-main/core/changelog/range-changelog.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
beforeEach(() => {
  core = testCore({ now: () => new Date('2026-02-03T10:00:00Z') });
  repo = new TestRepo();
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

function changelog(request: Parameters<typeof changelogForRange>[2] = {}) {
  return changelogForRange(core, repo.dir, request);
}

describe('changelog of a range', () => {
  it('groups changes by section in policy order, with breaking notes in full and reverted pairs left out', async () => {
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    const perf = repo.commit('perf(db): faster queries');
    const fix = repo.commit('fix(api): null ids\n\nCloses #12');
    const gone = repo.commit('feat(ui): a thing');
    repo.git('revert', '--no-edit', gone);
    const breaking = repo.commit(
      'feat(api)!: v2 endpoints\n\nBREAKING CHANGE: v1 endpoints are removed.\nClients must move to /v2.',
    );
    repo.commit('chore: tidy');
    repo.commit('not conventional at all');

    const { documents, markdown } = await changelog({ version: '2.0.0' });
    expect(documents).toHaveLength(1);
    const doc = documents[0]!;
    expect(doc).toMatchObject({ version: '2.0.0', date: '2026-02-03' });
    expect(doc.sections.map((s) => [s.type, s.title, s.entries.map((e) => e.sha)])).toEqual([
      ['feat', 'Features', [breaking]],
      ['fix', 'Bug Fixes', [fix]],
      ['perf', 'Performance Improvements', [perf]],
    ]);
    expect(doc.sections[1]!.entries[0]).toEqual({
      sha: fix,
      scope: 'api',
      subject: 'null ids',
      breaking: false,
      references: ['#12'],
    });
    expect(doc.breaking).toEqual([
      { sha: breaking, scope: 'api', text: 'v1 endpoints are removed.\nClients must move to /v2.' },
    ]);
    expect(markdown).toMatch(
      /^## 2\.0\.0 \(2026-02-03\)\n\n### ⚠ BREAKING CHANGES\n\n\* \*\*api:\*\* v1 endpoints are removed\.\n {2}Clients must move to \/v2\.\n/,
    );
    expect(markdown).not.toContain('a thing');
    expect(markdown).toContain('### Contributors\n\n* Ada Tester\n');
  });

  it('`--to` a release tag gives that release notes, dated by its commit', async () => {
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    repo.commit('feat: in 1.1');
    repo.tag('v1.1.0');
    repo.commit('fix: after');
    const { documents } = await changelog({ to: 'v1.1.0' });
    expect(documents[0]).toMatchObject({ version: '1.1.0', date: '2026-01-05' });
    expect(documents[0]!.sections.flatMap((s) => s.entries.map((e) => e.subject))).toEqual(['in 1.1']);
    const unreleased = await changelog();
    expect(unreleased.documents[0]!.version).toBeNull();
    expect(unreleased.markdown).toMatch(/^## Unreleased \(2026-02-03\)/);
  });

  it.each([
    [
      'https://github.com/acme/app.git',
      null,
      'https://github.com/acme/app/commit/',
      'https://github.com/acme/app/issues/5',
      'https://github.com/acme/app/compare/v1.0.0...v1.1.0',
    ],
    [
      'git@github.com:acme/app.git',
      null,
      'https://github.com/acme/app/commit/',
      'https://github.com/acme/app/issues/5',
      'https://github.com/acme/app/compare/v1.0.0...v1.1.0',
    ],
    [
      'https://gitlab.com/group/sub/app.git',
      null,
      'https://gitlab.com/group/sub/app/-/commit/',
      'https://gitlab.com/group/sub/app/-/issues/5',
      'https://gitlab.com/group/sub/app/-/compare/v1.0.0...v1.1.0',
    ],
    [
      'git@bitbucket.org:acme/app.git',
      null,
      'https://bitbucket.org/acme/app/commits/',
      'https://bitbucket.org/acme/app/issues/5',
      'https://bitbucket.org/acme/app/branches/compare/v1.1.0%0Dv1.0.0',
    ],
    [
      'ssh://git@code.acme.corp/team/app.git',
      'gitlab',
      'https://code.acme.corp/team/app/-/commit/',
      'https://code.acme.corp/team/app/-/issues/5',
      'https://code.acme.corp/team/app/-/compare/v1.0.0...v1.1.0',
    ],
  ])('links entries for the remote %s', async (url, kind, commitUrl, issueUrl, compareUrl) => {
    repo.git('remote', 'add', 'origin', url);
    if (kind) repo.git('config', 'releaseDesk.remoteKind', kind);
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    const sha = repo.commit('fix: linked (#5)');
    const { markdown } = await changelog({ version: '1.1.0' });
    expect(markdown).toContain(`[${sha.slice(0, 7)}](${commitUrl}${sha})`);
    expect(markdown).toContain(`[#5](${issueUrl})`);
    expect(markdown).toContain(`## [1.1.0](${compareUrl})`);
  });

  it('has no links for an unknown host', async () => {
    repo.git('remote', 'add', 'origin', 'https://code.acme.corp/team/app.git');
    const sha = repo.commit('fix: plain (#5)');
    const { markdown } = await changelog();
    expect(markdown).toContain(`* plain (#5) (${sha.slice(0, 7)}), closes #5\n`);
  });

  it('uses the repository template from .release-desk/changelog.hbs', async () => {
    repo.commit('feat: start', {
      '.release-desk/changelog.hbs': 'Release {{version}}:{{#each commitGroups}} {{title}}{{/each}}\n',
    });
    const { markdown } = await changelog({ version: '0.1.0' });
    expect(markdown).toBe('Release 0.1.0: Features\n');
  });

  it('--all: one section per release, each commit in the first release that contains it', async () => {
    repo.commit('feat: one');
    repo.tag('v1.0.0');
    repo.checkout('maint', true);
    const backport = repo.commit('fix: backport');
    repo.tag('v1.0.1');
    repo.checkout('main');
    const two = repo.commit('feat: two');
    repo.merge('maint');
    repo.tag('v1.1.0');
    repo.tag('v1.1.0-rc.1');
    const three = repo.commit('fix: three');

    const { documents, markdown } = await changelog({ all: true });
    const subjects = documents.map((d) => [
      d.version,
      d.sections.flatMap((s) => s.entries.map((e) => e.sha)),
    ]);
    expect(subjects).toEqual([
      [null, [three]],
      ['1.1.0', [two]],
      ['1.0.1', [backport]],
      ['1.0.0', [expect.any(String)]],
    ]);
    expect(markdown.match(/^## .*$/gm)).toEqual([
      '## Unreleased (2026-02-03)',
      '## 1.1.0 (2026-01-05)',
      '## 1.0.1 (2026-01-05)',
      '## 1.0.0 (2026-01-05)',
    ]);
  });
});
