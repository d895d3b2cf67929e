import { replayFixture } from '../support/replay-fixture.js';
import { expect, test } from './support/fixtures.js';

test('check the history: the figures and each disagreement with its reason', async ({ page, desk, repo }) => {
  replayFixture(repo);
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();

  const check = page.getByRole('region', { name: 'History check' });
  await expect(check.getByRole('spinbutton', { name: 'Releases' })).toHaveValue('50');
  await check.getByRole('button', { name: 'Check history' }).click();

  const figures = check.getByRole('definition');
  await expect(figures.nth(0)).toContainText('3 of 7');
  await expect(figures.nth(1)).toContainText('3 of 5');
  await expect(check.getByRole('list', { name: 'Causes of the disagreements' })).toContainText(
    'a patch released as a minor',
  );

  const table = check.getByRole('table', { name: 'Disagreements, newest release first' });
  await expect(table.getByRole('row')).toHaveCount(7);
  const row = table.getByRole('row').filter({ hasText: 'v1.1.0' });
  await expect(row.getByRole('cell')).toHaveText([
    'v1.1.0',
    '1.1.0',
    '1.0.1',
    'a patch released as a minor: no commit since v1.0.0 is a feature or breaking (2 commits: 1 chore, 1 fix)',
  ]);
  await expect(table.getByRole('row').filter({ hasText: 'v1.1.2' }).getByRole('cell').nth(2)).toHaveText(
    'nothing to release',
  );
  await page.screenshot({ path: 'test-results/replay-history-check.png', fullPage: true });

  // Fewer releases on request: the newest one only.
  await check.getByRole('spinbutton', { name: 'Releases' }).fill('1');
  await check.getByRole('button', { name: 'Check history' }).click();
  await expect(figures.nth(0)).toContainText('0 of 1');
  await expect(table.getByRole('row')).toHaveCount(2);

  await check.getByRole('spinbutton', { name: 'Releases' }).fill('0');
  await expect(check.getByRole('alert')).toHaveText('Check at least 1 release, in whole numbers.');
  await expect(check.getByRole('button', { name: 'Check history' })).toBeDisabled();
});

test('check the history: a cause chosen lists only its disagreements', async ({ page, desk, repo }) => {
  replayFixture(repo);
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();

  const check = page.getByRole('region', { name: 'History check' });
  await check.getByRole('button', { name: 'Check history' }).click();
  const table = check.getByRole('table', { name: 'Disagreements, newest release first' });
  await expect(table.getByRole('row')).toHaveCount(7);

  const cause = check.getByRole('button', { name: /a patch released as a minor/ });
  await expect(cause).toHaveAttribute('aria-pressed', 'false');
  await cause.click();
  await expect(cause).toHaveAttribute('aria-pressed', 'true');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('v1.1.0');
  await expect(check.getByText('1 of 6 disagreements: a patch released as a minor.')).toBeVisible();

  await check.getByRole('button', { name: 'Show every cause' }).click();
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(cause).toHaveAttribute('aria-pressed', 'false');
});

test('check the history: a variant tag of a released version is left out, and said', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first');
  repo.tag('v0.1.0');
  repo.commit('build: a deno bundle');
  repo.tag('v0.1.0-deno');
  repo.commit('feat: second');
  repo.tag('v0.2.0');
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();

  const check = page.getByRole('region', { name: 'History check' });
  await check.getByRole('button', { name: 'Check history' }).click();
  await expect(check.getByRole('definition').nth(2)).toContainText(
    '2 of 2 checked (“v” + SemVer; 1 variant tag of released versions left out, e.g. v0.1.0-deno)',
  );
  await expect(check.getByRole('definition').nth(0)).toContainText('2 of 2');
  await expect(check.getByRole('table', { name: 'Disagreements, newest release first' })).toHaveCount(0);
});
