import { afterEach, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../shared/domain/replay.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';
import { replayOverApi } from '../../support/replay-api.js';
import { siblingLines } from '../../support/sibling-lines-fixture.js';

/**
 * `replay` of a release tagged on a line cut from main (angular/components' 22.0.0 on `22.0.x`,
 * whose stable releases before it live on `21.2.x`): its notes count from the sibling line's
 * newest patch, not from the start of history.
 */

const core = testCore();
const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

const replay = (repo: TestRepo): Promise<ReplayReport> => replayOverApi(core, repo);

const link = (sha: string): string => `([${sha.slice(0, 7)}](https://example.com/commit/${sha}))`;

describe('replay of a release line', () => {
  it('compares 22.0.0’s notes with what main changed since the 21.2.x cut, less its picks', async () => {
    const repo = new TestRepo();
    repos.push(repo);
    const [theme, scroll, jank, regression] = siblingLines(repo).since.map(link);
    const section = [
      '## [22.0.0](https://example.com/compare/v21.2.2...v22.0.0) (2026-01-05)',
      '',
      '### ⚠ BREAKING CHANGES',
      '',
      '* drop the legacy theme',
      '',
      '### Features',
      '',
      `* drop the legacy theme ${theme}`,
      `* **@angular/cdk/scrolling:** virtual scroll ${scroll}`,
      '',
      '### Bug Fixes',
      '',
      `* **@angular/cdk/overlay:** rc regression ${regression}`,
      `* **@angular/cdk/scrolling:** scroll jank ${jank}`,
      '',
    ].join('\n');
    repo.commit('release: cut the v22.0.0 release', { 'CHANGELOG.md': `# Changelog\n\n${section}` });
    repo.tag('v22.0.0');
    const report = await replay(repo);
    expect(report).toMatchObject({ releases: 10, versionsAgreed: 9, notesCompared: 1, notesAgreed: 1 });
    // Only the first release disagrees: 21.2.0-next.0 is no `versioning.initialVersion`.
    expect(report.disagreements.map(({ tag, kind }) => [tag, kind])).toEqual([['v21.2.0-next.0', 'version']]);
  });
});
