import { afterEach, beforeEach, expect, it } from 'vitest';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
beforeEach(() => {
  core = testCore();
  repo = new TestRepo();
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

const SQUASH = [
  'feat(@acme/web): onboarding (#42)',
  '',
  '* feat(@acme/web): add the sign-up form',
  '',
  '* feat(ui, forms): add the welcome screen',
  '',
  '* feat: send a welcome e-mail',
].join('\n');

it('lists every change of a squash merge under its own key: SHA and the change’s index', async () => {
  repo.commit('chore: start');
  repo.tag('v1.0.0');
  const fix = repo.commit('fix($browser): keep focus');
  const squash = repo.commit(SQUASH);
  const plain = repo.commit('Tidy up');

  const { view } = await planRelease(core, repo.dir);
  const entries = [...view.groups.flatMap((g) => g.commits), ...view.nonConventional];
  expect(entries.map((e) => [e.key, e.type, e.scope, e.subject])).toEqual([
    [`${squash}:0`, 'feat', '@acme/web', 'onboarding (#42)'],
    [`${squash}:1`, 'feat', '@acme/web', 'add the sign-up form'],
    [`${squash}:2`, 'feat', 'ui, forms', 'add the welcome screen'],
    [`${squash}:3`, 'feat', null, 'send a welcome e-mail'],
    [`${fix}:0`, 'fix', '$browser', 'keep focus'],
    [`${plain}:0`, null, null, 'Tidy up'],
  ]);
  expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  expect(view.next).toBe('1.1.0');
  expect(view.reasons.map((r) => [r.sha, r.bump])).toEqual([
    [squash, 'minor'],
    [squash, 'minor'],
    [squash, 'minor'],
    [squash, 'minor'],
    [fix, 'patch'],
  ]);

  // The changelog lists each change once, scoped as written.
  const short = squash.slice(0, 7);
  for (const line of [
    `* **@acme/web:** onboarding (#42) (${short}), closes #42`,
    `* **@acme/web:** add the sign-up form (${short})`,
    `* **ui, forms:** add the welcome screen (${short})`,
    `* send a welcome e-mail (${short})`,
  ]) {
    expect(view.changelog.split('\n').filter((l) => l === line)).toHaveLength(1);
  }
});
