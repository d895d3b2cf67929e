import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

async function openHotfixes(page: Page, url: string, dir: string) {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Hotfixes' }).click();
}

test('run the hotfix wizard from an old release to the carry-forward results', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: parser', { 'parser.txt': 'parse\n' });
  repo.tag('v1.0.0');
  repo.commit('feat: exporter', { 'export.txt': 'export\n' });
  repo.tag('v1.1.0');
  repo.git('branch', 'release/1.1');
  const fix = repo.commit('fix: null pointer in parser', { 'parser.txt': 'parse safely\n' });

  await openHotfixes(page, desk.url, repo.dir);
  const steps = page.getByRole('list', { name: 'Hotfix steps' });
  await expect(steps.getByRole('listitem').first()).toHaveAttribute('aria-current', 'step');

  await page.getByRole('radio', { name: 'v1.0.0', exact: true }).check();
  await page.getByRole('button', { name: 'Start hotfix from v1.0.0' }).click();
  const startDialog = page.getByRole('dialog', { name: 'Start a hotfix from v1.0.0' });
  await expect(startDialog).toContainText('Create and check out hotfix/1.0.1 at v1.0.0');
  await startDialog.getByRole('button', { name: 'Start hotfix' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Started hotfix 1.0.1' })).toBeVisible();
  expect(repo.git('branch', '--show-current')).toBe('hotfix/1.0.1');

  await page.getByLabel('Search commits').fill('null pointer');
  await page.getByRole('checkbox', { name: 'null pointer in parser' }).check();
  await page.getByRole('button', { name: 'Pick 1 fix' }).click();
  const pickDialog = page.getByRole('dialog', { name: 'Pick fixes onto hotfix/1.0.1' });
  await expect(pickDialog).toContainText(
    `Cherry-pick 1 commit onto hotfix/1.0.1 with -x: ${fix.slice(0, 7)}`,
  );
  await pickDialog.getByRole('button', { name: 'Pick fix' }).click();
  await expect(page.getByRole('list', { name: 'Picked onto hotfix/1.0.1' })).toContainText(
    'null pointer in parser',
  );

  await page.getByRole('button', { name: 'Next: Review' }).click();
  const review = page.getByRole('region', { name: '3. Review' });
  await expect(review.getByRole('definition').first()).toHaveText('1.0.1');
  await expect(review.getByRole('region', { name: 'Changelog' })).toContainText('null pointer in parser');

  await review.getByRole('button', { name: 'Finish hotfix 1.0.1' }).click();
  const finishDialog = page.getByRole('dialog', { name: 'Finish hotfix 1.0.1' });
  await expect(finishDialog).toContainText('tag v1.0.1 (annotated) on hotfix/1.0.1');
  await finishDialog.getByRole('button', { name: 'Finish', exact: true }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Released v1.0.1' })).toBeVisible();
  const carried = page.getByRole('list', { name: 'Carry-forward results' });
  await expect(carried.getByRole('listitem').filter({ hasText: 'release/1.1' })).toContainText('applied');

  expect(repo.git('tag', '--list', 'v1.0.1')).toBe('v1.0.1');
  expect(repo.git('cat-file', '-t', 'v1.0.1')).toBe('tag');
  expect(repo.git('log', 'release/1.1', '-n', '1', '--format=%s')).toBe('fix: null pointer in parser');
});
