import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

const PACKAGE_JSON = `${JSON.stringify({ name: 'demo', version: '1.0.0' }, null, 2)}\n`;

/** A released 1.0.0 (tag + package.json) followed by a feature and a fix. */
function releasedRepo(repo: TestRepo): { feat: string; fix: string } {
  repo.commit('chore: start the project', { 'package.json': PACKAGE_JSON });
  repo.tag('v1.0.0');
  const feat = repo.commit('feat(api): add the export endpoint');
  const fix = repo.commit('fix: keep empty lines in reports');
  return { feat, fix };
}

async function openRepo(page: Page, url: string, dir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Release', exact: true })).toBeVisible();
}

test('see the next version and why, override it with a reason, edit the changelog and create the release', async ({
  page,
  desk,
  repo,
}) => {
  const { feat } = releasedRepo(repo);
  await openRepo(page, desk.url, repo.dir);

  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('1.1.0');
  await expect(card).toContainText('minor');
  const reasons = card.getByRole('list', { name: 'Reasons for the next version' });
  await expect(reasons).toContainText('add the export endpoint');
  await expect(reasons.getByRole('link', { name: feat.slice(0, 7) })).toBeVisible();
  const commits = page.getByRole('region', { name: /Commits since/ });
  await expect(commits.getByRole('region', { name: /Features/ })).toContainText('add the export endpoint');
  await expect(commits.getByRole('region', { name: /Bug Fixes/ })).toContainText(
    'keep empty lines in reports',
  );

  await page.getByLabel('Version to release as').fill('2.0.0');
  const apply = page.getByRole('button', { name: 'Apply override' });
  await expect(apply).toBeDisabled();
  await page.getByLabel('Reason for the override').fill('The export endpoint replaces the v1 API');
  await apply.click();
  await expect(card).toContainText('2.0.0');
  await expect(card).toContainText('The export endpoint replaces the v1 API');

  const changelog = page.getByRole('region', { name: 'Changelog' });
  await expect(changelog).toContainText('2.0.0');
  await changelog.getByRole('button', { name: 'Edit' }).click();
  const text = changelog.getByRole('textbox', { name: 'Changelog' });
  await text.press('ControlOrMeta+End');
  await text.pressSequentially('\nUpgrade notes: see docs/upgrade-to-2.md\n');

  await page.getByRole('button', { name: 'Create release' }).click();
  const dialog = page.getByRole('dialog', { name: /Create release/ });
  await expect(dialog).toContainText('v2.0.0');
  await expect(dialog).toContainText('package.json');
  await expect(dialog).toContainText('CHANGELOG.md');
  await expect(dialog).toContainText('chore(release): v2.0.0');
  await expect(dialog.getByRole('checkbox', { name: 'Push to origin' })).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Confirm release' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Released v2.0.0 at' })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Current repository' })).toContainText('v2.0.0');
  await expect(card).toContainText('No release needed');

  expect(repo.git('tag', '--list').split('\n')).toContain('v2.0.0');
  expect(repo.git('log', '-1', '--format=%s', 'v2.0.0')).toBe('chore(release): v2.0.0');
  expect(readFileSync(path.join(repo.dir, 'CHANGELOG.md'), 'utf8')).toContain(
    'Upgrade notes: see docs/upgrade-to-2.md',
  );
  expect(JSON.parse(readFileSync(path.join(repo.dir, 'package.json'), 'utf8'))).toMatchObject({
    version: '2.0.0',
  });
  expect(repo.git('status', '--porcelain')).toBe('');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit' }).click();
  await expect(page.getByRole('cell', { name: 'release.created', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'release.overridden', exact: true })).toBeVisible();
});

test('the override needs a reason, and Escape leaves the repository untouched', async ({
  page,
  desk,
  repo,
}) => {
  releasedRepo(repo);
  const tagsBefore = repo.git('tag', '--list');
  const headBefore = repo.head();
  await openRepo(page, desk.url, repo.dir);
  await expect(page.getByRole('region', { name: 'Next version' })).toContainText('1.1.0');

  const apply = page.getByRole('button', { name: 'Apply override' });
  await page.getByLabel('Version to release as').fill('2.0.0');
  await expect(apply).toBeDisabled();
  await expect(page.getByText('Give a reason')).toBeVisible();
  await page.getByLabel('Reason for the override').fill('   ');
  await expect(apply).toBeDisabled();
  await page.getByLabel('Reason for the override').fill('A redesign');
  await page.getByLabel('Version to release as').fill('two');
  await expect(apply).toBeDisabled();
  await expect(page.getByText('"two" is not a SemVer version')).toBeVisible();

  // The keyboard shortcut opens the same confirmation; Escape closes it and nothing happened.
  await page.keyboard.press('ControlOrMeta+Enter');
  const dialog = page.getByRole('dialog', { name: /Create release/ });
  await expect(dialog).toContainText('v1.1.0');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(repo.git('tag', '--list')).toBe(tagsBefore);
  expect(repo.head()).toBe(headBefore);
  expect(repo.git('status', '--porcelain')).toBe('');
});

test('commit text is shown as text, never as markup', async ({ page, desk, repo }) => {
  releasedRepo(repo);
  repo.commit('fix: escape <img src=x onerror=alert(1)> in titles');
  let alerted = false;
  page.on('dialog', (d) => {
    alerted = true;
    void d.dismiss();
  });
  await openRepo(page, desk.url, repo.dir);

  const commits = page.getByRole('region', { name: /Commits since/ });
  await expect(commits.getByText('escape <img src=x onerror=alert(1)> in titles')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Changelog' })).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img')).toHaveCount(0);
  expect(alerted).toBe(false);
});
