import { afterEach, expect, it } from 'vitest';
import { releaseHistory } from '../../../src-main/core/history/release-history.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

it('pairs each release with where its own changes start: stable after stable, a line patched later not before its successor', async () => {
  core = testCore();
  repo = new TestRepo();
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  repo.commit('feat: search');
  repo.tag('v1.1.0-rc.0');
  repo.commit('fix: search on empty input');
  repo.tag('v1.1.0');
  repo.checkout('1.1.x', true);
  repo.checkout('main');
  repo.commit('feat!: a new API\n\nBREAKING CHANGE: the old one is gone.');
  repo.tag('v2.0.0');
  repo.checkout('1.1.x');
  // Patched on its own line after 2.0.0 shipped.
  repo.commit('fix: search crash');
  repo.tag('v1.1.1');

  const history = await releaseHistory(core, repo.dir);
  const previous = Object.fromEntries(history.releases.map((r) => [r.version, r.previous]));
  expect(previous).toEqual({
    '1.0.0': null,
    '1.1.0-rc.0': '1.0.0',
    '1.1.0': '1.0.0',
    '2.0.0': '1.1.0',
    '1.1.1': '1.1.0',
  });
});
