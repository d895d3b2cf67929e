import path from 'node:path';
import { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

test('the header switcher opens another repository with Ctrl+O, and a reload keeps repo and screen', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  const other = new TestRepo();
  other.commit('feat: other app');
  other.tag('v3.1.0');
  try {
    await page.goto(desk.url);
    await page.getByLabel('Repository path').fill(repo.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const header = page.getByRole('region', { name: 'Current repository' });
    await expect(header.getByRole('heading', { name: path.basename(repo.dir) })).toBeVisible();
    await expect(page.getByLabel('Repository path')).toHaveCount(0); // no form at the page bottom

    // Ctrl+O while a repository is open, focus anywhere: the switcher opens with its field focused.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trains' }).click();
    await expect(page.getByRole('heading', { name: 'Trains', level: 2 })).toBeFocused();
    await page.keyboard.press('Control+o');
    const switcher = page.getByRole('dialog', { name: 'Switch repository' });
    await expect(switcher.getByLabel('Repository path')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(switcher).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Switch repository/ })).toBeFocused();

    await page.keyboard.press('Control+o');
    await switcher.getByLabel('Repository path').fill(other.dir);
    await switcher.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(header.getByRole('heading', { name: path.basename(other.dir) })).toBeVisible();
    await expect(header).toContainText('v3.1.0');
    await expect(switcher).toHaveCount(0);

    // The first repository is now a recent one, one click away.
    await page.getByRole('button', { name: /Switch repository/ }).click();
    const recent = switcher.getByRole('list', { name: 'Recent repositories' });
    await expect(recent.getByRole('button', { name: path.basename(other.dir) })).toHaveCount(0);
    await recent.getByRole('button', { name: path.basename(repo.dir) }).click();
    await expect(header.getByRole('heading', { name: path.basename(repo.dir) })).toBeVisible();

    // Alt+3 moves to Hotfixes and focus to its heading; F5 comes back to the same place.
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { name: 'Hotfixes', level: 2 })).toBeFocused();
    await page.reload();
    await expect(header.getByRole('heading', { name: path.basename(repo.dir) })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Hotfixes', level: 2 })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Hotfixes' }),
    ).toHaveAttribute('aria-current', 'page');

    // After the reload Ctrl+O still opens the switcher.
    await page.keyboard.press('Control+o');
    await expect(switcher.getByLabel('Repository path')).toBeFocused();

    // The reload read the repository again without recording another opening: this repository
    // was opened twice (first, then from the recent list).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+5');
    await page.getByRole('checkbox', { name: 'Show repository opens' }).check();
    await expect(page.getByRole('cell', { name: 'repository.opened' })).toHaveCount(2);
  } finally {
    other.remove();
  }
});

test('with no repository open, Ctrl+O focuses the path field, where ~ is the home directory', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first feature');
  await page.goto(desk.url);
  // With no repository open, Ctrl+O from the Audit screen brings the open form and focuses it.
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeFocused();
  await page.keyboard.press('Control+o');
  await expect(page.getByLabel('Repository path')).toBeFocused();
  await page.getByLabel('Repository path').fill('~/surely-not-a-repository-here');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).not.toContainText('~');
  await expect(page.getByRole('alert')).toContainText('surely-not-a-repository-here');
});

test('the page has an icon', async ({ page, desk }) => {
  await page.goto(desk.url);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await page.request.get(new URL(href!, page.url()).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
});
