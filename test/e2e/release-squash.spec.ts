import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

async function openRepo(page: Page, url: string, dir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Release', exact: true })).toBeVisible();
}

const SQUASH = [
  'feat(@acme/web): onboarding (#42)',
  '',
  '* feat(@acme/web): add the sign-up form',
  '',
  '* feat(ui, forms): add the welcome screen',
  '',
  '* feat: send a welcome e-mail',
].join('\n');

test('a squash merge with three `* feat:` lines: every entry shows, the Why list counts per level, the filter narrows the list', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: start the project');
  repo.tag('v1.0.0');
  repo.commit('fix(api): handle nulls');
  const squash = repo.commit(SQUASH);
  const breaking = repo.commit('feat(ui)!: drop the old theme');
  repo.commit('fix: keep empty lines in reports');
  repo.commit('docs: fix a typo');
  repo.commit('Tidy up');
  await openRepo(page, desk.url, repo.dir);

  const features = page.getByRole('region', { name: /^Features/ });
  for (const subject of [
    'onboarding (#42)',
    'add the sign-up form',
    'add the welcome screen',
    'send a welcome e-mail',
  ]) {
    await expect(features.getByRole('listitem').filter({ hasText: subject })).toHaveCount(1);
  }
  await expect(features.getByRole('link', { name: squash.slice(0, 7) })).toHaveCount(4);

  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('2.0.0');
  await expect(card.getByText('major: 1 commit · minor: 1 commit · patch: 2 commits')).toBeVisible();
  const decisive = card.getByRole('list', { name: 'Reasons for the next version' });
  await expect(decisive.getByRole('listitem')).toHaveCount(1);
  await expect(decisive).toContainText('drop the old theme');
  await expect(decisive.getByRole('link', { name: breaking.slice(0, 7) })).toBeVisible();

  const all = card.getByRole('list', { name: 'All reasons for the next version' });
  await expect(all).toBeHidden();
  await card.getByText('Show all 7 reasons').click();
  await expect(all.getByRole('listitem')).toHaveCount(7);
  await expect(all).toContainText('send a welcome e-mail');

  const commits = page.getByRole('region', { name: /Commits since/ });
  const filter = commits.getByLabel('Filter commits');
  await filter.fill('welcome');
  await expect(commits.getByRole('listitem')).toHaveCount(2);
  await expect(features).toContainText('add the welcome screen');
  await expect(page.getByRole('region', { name: /^Bug Fixes/ })).toBeHidden();
  await filter.fill('@acme');
  await expect(commits.getByRole('listitem')).toHaveCount(2);
  await filter.fill(squash.slice(0, 7));
  await expect(commits.getByRole('listitem')).toHaveCount(4);
  await filter.fill('nothing matches this');
  await expect(commits).toContainText('No commit matches “nothing matches this”.');
  await filter.fill('');
  await expect(commits.getByRole('listitem')).toHaveCount(9);
  await page.screenshot({ path: 'test-results/release-squash.png', fullPage: true });
});

test('a plan that cannot be had or shown says so with a Retry, never an endless spinner', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: start the project', { '.release-desk.yml': 'versioning: [not, a, map]\n' });
  repo.commit(SQUASH);
  await openRepo(page, desk.url, repo.dir);

  // The call fails: its error, and a Retry that asks again.
  const alert = page.getByRole('alert').filter({ hasText: '.release-desk.yml' });
  await expect(alert).toBeVisible();
  await expect(page.getByText('Working out the next release…')).toBeHidden();
  repo.commit('chore: fix the policy', { '.release-desk.yml': 'versioning:\n  tagPrefix: v\n' });
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'Next version' })).toContainText('0.1.0');

  // The screen cannot render a plan (here: one answered with a duplicated entry): it says so.
  await page.route('**/api/release.plan', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const features = body.value.groups[0].commits;
    features.push(features[0]);
    await route.fulfill({ response, json: body });
  });
  await page.getByRole('button', { name: 'Trains' }).click();
  await page.getByRole('button', { name: 'Release' }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'The release plan could not be shown' });
  await expect(failed).toBeVisible();
  await expect(page.getByText('Working out the next release…')).toBeHidden();
  await page.screenshot({ path: 'test-results/release-render-failed.png' });
  await page.unroute('**/api/release.plan');
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: /^Features/ }).getByRole('listitem')).toHaveCount(4);
});
