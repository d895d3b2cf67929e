import { describe, expect, it } from 'vitest';
import { changelogForRange } from '../../../src-main/core/changelog/range-changelog.js';
import { releaseHistory } from '../../../src-main/core/history/release-history.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { resolveRelease } from '../../../src-main/core/promotion/release.js';
import { replayReleases } from '../../../src-main/core/replay/replay-releases.js';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import type { TestRepo } from '../../support/git-fixture.js';
import { repoSession } from '../../support/repo-session.js';

/**
 * A project that changed how it names its release tags (angular-cli: `18.2.x` bare, then
 * `v19.0.0`): with `versioning.olderTagPrefixes: [""]` the bare tags are its releases too.
 */

const session = repoSession();
const OLDER = 'versioning:\n  initialVersion: 1.0.0\n  olderTagPrefixes: [""]\n';
const WITHOUT = 'versioning:\n  initialVersion: 1.0.0\n';
const HINT = 'set versioning.olderTagPrefixes: [""]';

/** Bare `1.0.0`..`1.2.0`, then `v1.3.0`, then an unreleased fix; the policy is the first commit's. */
function renamedTags(policy = OLDER): { repo: TestRepo; features: string[]; fix: string } {
  const repo = session.newRepo();
  repo.git('remote', 'add', 'origin', 'https://github.com/acme/app.git');
  const features = [repo.commit('feat: first', { '.release-desk.yml': policy })];
  repo.tag('1.0.0');
  for (const [subject, tag] of [
    ['feat: second', '1.1.0'],
    ['feat: third', '1.2.0'],
    ['feat: fourth', 'v1.3.0'],
  ] as const) {
    features.push(repo.commit(subject));
    repo.tag(tag);
  }
  return { repo, features, fix: repo.commit('fix: after the rename') };
}

const plan = async (repo: TestRepo, request: Parameters<typeof planRelease>[2] = {}) =>
  (await planRelease(session.core, repo.dir, request)).view;
const shas = (document: { sections: { entries: { sha: string }[] }[] }): string[] =>
  document.sections.flatMap((section) => section.entries.map((entry) => entry.sha));

describe('releases tagged behind an older prefix', () => {
  it('counts the next version and the notes of v1.3.0 from the bare 1.2.0, without a warning', async () => {
    const { repo, features } = renamedTags();
    expect(await plan(repo)).toMatchObject({ current: '1.3.0', from: 'v1.3.0', next: '1.3.1', warnings: [] });
    const notes = await changelogForRange(session.core, repo.dir, { to: 'v1.3.0' });
    expect(notes.documents.map(shas)).toEqual([[features[3]]]);
    expect(notes.markdown).toContain('## [1.3.0](https://github.com/acme/app/compare/1.2.0...v1.3.0)');
    expect(notes.warnings.join('\n')).not.toContain('another prefix');

    // A line cut from a bare release counts from it.
    repo.checkout('1.1.0');
    repo.checkout('1.1.x', true);
    repo.commit('fix: on the old line');
    expect(await plan(repo)).toMatchObject({ current: '1.1.0', from: '1.1.0', next: '1.1.1' });
  });

  it('gives the whole history one section per release, each linked by its tag’s real name', async () => {
    const { repo, features, fix } = renamedTags();
    const { documents, markdown } = await changelogForRange(session.core, repo.dir, { all: true });
    expect(documents.map((d) => [d.version, shas(d)])).toEqual([
      [null, [fix]],
      ['1.3.0', [features[3]]],
      ['1.2.0', [features[2]]],
      ['1.1.0', [features[1]]],
      ['1.0.0', [features[0]]],
    ]);
    const compare = 'https://github.com/acme/app/compare';
    for (const heading of [
      `## [1.3.0](${compare}/1.2.0...v1.3.0)`,
      `## [1.2.0](${compare}/1.1.0...1.2.0)`,
      `## [1.1.0](${compare}/1.0.0...1.1.0)`,
    ])
      expect(markdown).toContain(heading);
  });

  it('makes a new release with the v prefix', async () => {
    const { repo } = renamedTags();
    const outcome = await createRelease(session.core, repo.dir, {});
    expect(outcome).toMatchObject({ version: '1.3.1', tag: 'v1.3.1' });
    expect(repo.git('tag', '--list', 'v1.3.1')).toBe('v1.3.1');
  });

  it('reads a version tagged behind both prefixes as one release, named by its v tag', async () => {
    const { repo, features } = renamedTags();
    repo.tag('v1.2.0', features[2]);
    const { documents, markdown } = await changelogForRange(session.core, repo.dir, { all: true });
    expect(documents.map((d) => d.version)).toEqual([null, '1.3.0', '1.2.0', '1.1.0', '1.0.0']);
    expect(markdown).toContain('compare/v1.2.0...v1.3.0)');
    expect(markdown).toContain('compare/1.1.0...v1.2.0)');
    const history = await releaseHistory(session.core, repo.dir);
    expect(history.releases.map((r) => r.tag).sort()).toEqual(['1.0.0', '1.1.0', 'v1.2.0', 'v1.3.0']);
    // A promotion names its release by version or either tag.
    const naming = { tagPrefix: 'v', olderTagPrefixes: [''] };
    expect((await resolveRelease(repo.dir, '1.2.0', naming)).tag).toBe('v1.2.0');
    expect((await resolveRelease(repo.dir, 'v1.1.0', naming)).tag).toBe('1.1.0');
  });

  it('starts a hotfix from a bare tag, to be tagged with v', async () => {
    const { repo } = renamedTags();
    const hotfix = await startHotfix(session.core, repo.dir, '1.1.0');
    expect(hotfix).toMatchObject({
      baseTag: '1.1.0',
      version: '1.1.1',
      tag: 'v1.1.1',
      branch: 'hotfix/1.1.1',
    });
  });

  it('cuts a train after the newest release, bare before the rename', async () => {
    const { repo } = renamedTags(`${OLDER}environments:\n  - name: production\n`);
    repo.git('tag', '-d', 'v1.3.0');
    const { train } = await cutTrain(session.core, repo.dir);
    expect(train).toMatchObject({ version: '1.3.0', tag: 'v1.3.0', branch: 'release/1.3' });
  });

  it('replays every release, bare ones too, agreeing on each version', async () => {
    const { repo } = renamedTags();
    const report = await replayReleases(session.core, repo.dir);
    expect(report).toMatchObject({
      releases: 4,
      versionsAgreed: 4,
      disagreements: [],
      olderTagPrefixes: [''],
    });
  });

  it('without the key, sees only v1.3.0 as before and says which key would see the rest', async () => {
    const { repo } = renamedTags(WITHOUT);
    const notes = await changelogForRange(session.core, repo.dir, { to: 'v1.3.0' });
    expect(notes.documents.map(shas)[0]).toHaveLength(4);
    expect(notes.warnings.join('\n')).toContain(HINT);
    await expect(startHotfix(session.core, repo.dir, '1.1.0')).rejects.toMatchObject({ code: 'not-found' });
    const report = await replayReleases(session.core, repo.dir);
    expect(report).toMatchObject({ releases: 1, versionsAgreed: 0 });
    expect(report.disagreements[0]).toMatchObject({
      tag: 'v1.3.0',
      cause: 'releases tagged with another prefix',
    });
  });
});
