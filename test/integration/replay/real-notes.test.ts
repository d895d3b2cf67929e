import { afterEach, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../shared/domain/replay.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';
import { replayOverApi } from '../../support/replay-api.js';

/**
 * CHANGELOG.md sections as real projects wrote them (conventional-changelog's own 2015 notes,
 * yargs, Vue), which `replay` read wrongly: each must compare as the same entries.
 */

const core = testCore();
const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

const replay = (repo: TestRepo): Promise<ReplayReport> => replayOverApi(core, repo);

/** Releases `version` with `entries` as its CHANGELOG.md section (newest on top), and tags it. */
function releaser(repo: TestRepo) {
  let changelog = '# Changelog\n';
  return (version: string, body: string): void => {
    changelog = changelog.replace(
      /^# Changelog\n/,
      `# Changelog\n\n<a name="${version}"></a>\n### ${version} (2026-01-05)\n\n${body}\n`,
    );
    repo.commit(`chore(release): ${version}`, { 'CHANGELOG.md': changelog });
    repo.tag(`v${version}`);
  };
}

describe('replay reads shipped notes as their tools wrote them', () => {
  it('a commit link with the issues it closes inside its parentheses, a wrapped entry, a revert by its own line', async () => {
    const repo = new TestRepo();
    repos.push(repo);
    const release = releaser(repo);
    const base = repo.commit('feat: base', { '.release-desk.yml': 'versioning:\n  initialVersion: 1.0.0\n' });
    release(
      '1.0.0',
      `#### Features\n\n* base ([${base.slice(0, 8)}](https://e.com/commit/${base.slice(0, 8)}))`,
    );

    // conventional-changelog 0.0.16: `([dcd7551f](…), closes [#47](…), [#48](…))`.
    const fix = repo.commit('fix(git): generate the correct cmd of git log when there is no tags');
    const link = `[${fix.slice(0, 8)}](https://e.com/commit/${fix.slice(0, 8)})`;
    release(
      '1.0.1',
      `#### Bug Fixes\n\n* **git:** generate the correct cmd of git log when there is no tags (${link}, closes [#47](https://e.com/issues/47), [#48](https://e.com/issues/48))`,
    );

    // yargs 15.x: an entry wrapped onto the next line.
    const long = repo.commit('fix: __proto__ is replaced in parse, patching a potential prototype pollution');
    release(
      '1.0.2',
      `### Bug Fixes\n\n* \\_\\_proto\\_\\_ is replaced in parse, patching a potential\nprototype pollution ([${long.slice(0, 7)}](https://e.com/commit/${long}))`,
    );

    // Vue 3.4.31: a revert of a released fix, listed by the revert's own first line.
    repo.commit(
      `Revert "fix: __proto__ is replaced in parse, patching a potential prototype pollution"\n\nThis reverts commit ${long}.`,
    );
    release(
      '1.0.3',
      `### Reverts\n\n* Revert "fix: __proto__ is replaced in parse, patching a potential prototype pollution"`,
    );

    const report = await replay(repo);
    expect(report.disagreements).toEqual([]);
    expect(report).toMatchObject({ releases: 4, versionsAgreed: 4, notesCompared: 4, notesAgreed: 4 });
  });

  it('names a reworded entry by the commit it links, and entries another tool read from a commit body', async () => {
    const repo = new TestRepo();
    repos.push(repo);
    const release = releaser(repo);
    repo.commit('feat: base', { '.release-desk.yml': 'versioning:\n  initialVersion: 1.0.0\n' });
    release('1.0.0', '### Features\n\n* base');
    const edited = repo.commit('fix: prototype pollution in apply-extends (#2498)');
    // yargs 17.0.0 (e0f9363): `meta:` with two headers stacked in its body, read as two changes.
    const meta = repo.commit(
      'meta: middleware improvements (#1852)\n\nfeat(middleware): global middleware applied without a command\nfeat(middleware): async middleware before validation',
    );
    // release-please also reads a header that ends the message under a prose line; Release Desk
    // keeps a header-like line inside a paragraph as the commit's body.
    const prose = repo.commit(
      'feat: cache parsed files\n\nKeeps them between runs.\nfix(cache): stale entries after a rename',
    );
    const short = (sha: string) => `([${sha.slice(0, 7)}](https://e.com/commit/${sha}))`;
    release(
      '1.1.0',
      [
        '### Features',
        '',
        `* cache parsed files ${short(prose)}`,
        `* **middleware:** global middleware applied without a command ${short(meta)}`,
        `* **middleware:** async middleware before validation ${short(meta)}`,
        '',
        '### Bug Fixes',
        '',
        `* **cache:** stale entries after a rename ${short(prose)}`,
        `* local prototype pollution in apply-extends ${short(edited)}`,
      ].join('\n'),
    );
    const [disagreement] = (await replay(repo)).disagreements;
    expect(disagreement).toMatchObject({ tag: 'v1.1.0', kind: 'notes' });
    expect(disagreement!.reason).toBe(
      `the shipped notes word 1 entry otherwise than its commit (edited, the project's choice; e.g. ${edited.slice(0, 7)}: “local prototype pollution in apply-extends”, the commit says “prototype pollution in apply-extends (#2498)”); ` +
        `the shipped notes list 1 entry another tool read from inside a commit's body (e.g. ${prose.slice(0, 7)}: “stale entries after a rename”), which Release Desk reads as part of the commit's one change`,
    );
  });

  it('names an entry linked to a commit whose message does not hold it (written in the pull request)', async () => {
    const repo = new TestRepo();
    repos.push(repo);
    const release = releaser(repo);
    repo.commit('feat: base', { '.release-desk.yml': 'versioning:\n  initialVersion: 1.0.0\n' });
    release('1.0.0', '### Features\n\n* base');
    // yargs 18.0.0 (d90af45): release-please took the entries from the pull request's
    // BEGIN_COMMIT_OVERRIDE block; the commit's message has only its own header.
    const esm = repo.commit('feat: yargs is now ESM first');
    const short = `([${esm.slice(0, 7)}](https://e.com/commit/${esm}))`;
    release(
      '1.1.0',
      `### Features\n\n* yargs is now ESM first ${short}\n\n### Build System\n\n* minimum node.js versions now 20 ${short}`,
    );
    const [disagreement] = (await replay(repo)).disagreements;
    expect(disagreement).toMatchObject({
      tag: 'v1.1.0',
      kind: 'notes',
      cause: 'shipped notes list changes its commit does not hold',
    });
    expect(disagreement!.reason).toBe(
      `the shipped notes list 1 entry linked to a commit whose message does not hold it (e.g. ${esm.slice(0, 7)}: “minimum node.js versions now 20”): written outside git, in the pull request (release-please's BEGIN_COMMIT_OVERRIDE) or by hand`,
    );
  });
});
