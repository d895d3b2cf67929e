import { expect, test } from './support/fixtures.js';
import path from 'node:path';
import { tempDir } from '../support/git-fixture.js';

test('open a repository, see its facts, and find the opening in the verified audit log', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first feature');
  repo.tag('v1.2.0');
  repo.commit('fix: a bug');
  const head = repo.head();

  await page.goto(desk.url);
  await expect(page).toHaveURL(/\/$/); // the token left the address bar
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();

  const header = page.getByRole('region', { name: 'Current repository' });
  await expect(header.getByRole('heading', { name: path.basename(repo.dir) })).toBeVisible();
  await expect(header).toContainText('main');
  await expect(header).toContainText(head.slice(0, 7));
  await expect(header).toContainText('v1.2.0');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit' }).click();
  // Repository opens are most of a log: hidden until asked for.
  await expect(page.getByText('Only repository opens so far')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Show repository opens' }).check();
  await expect(page.getByRole('cell', { name: 'repository.opened' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chain verified' })).toBeVisible();
});

test('opening a directory that is not a repository explains why', async ({ page, desk }) => {
  const dir = tempDir('not-a-repo-');
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(`${dir} is not a git repository`);
  await expect(page.getByRole('heading', { name: 'Release Desk' })).toBeVisible();
});

test('an empty repository is refused with its own message', async ({ page, desk, repo }) => {
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('has no commits yet');
});
