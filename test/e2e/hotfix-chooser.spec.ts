import { execFileSync } from 'node:child_process';
import type { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

/** 320 release tags (32 lines × 10 patches) on four commits, written in one `git update-ref --stdin`. */
function manyReleases(repo: TestRepo): void {
  const commits = ['feat: one', 'fix: two', 'fix: three', 'fix: four'].map((message) => repo.commit(message));
  const updates: string[] = [];
  for (let minor = 0; minor < 32; minor += 1) {
    for (let patch = 0; patch < 10; patch += 1) {
      updates.push(`create refs/tags/v1.${minor}.${patch} ${commits[(minor + patch) % commits.length]}`);
    }
  }
  execFileSync('git', ['update-ref', '--stdin'], { cwd: repo.dir, input: `${updates.join('\n')}\n` });
}

test('the hotfix chooser on 320 tags: lines collapsed, searchable, Start always on screen', async ({
  page,
  desk,
  repo,
}) => {
  manyReleases(repo);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toContainText('v1.31.9');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Hotfixes' }).click();

  const chooser = page.getByRole('group', { name: 'Released version' });
  // Each line shows its latest patch; 30 of the 32 lines on the first page.
  await expect(page.getByText('320 releases in 32 lines')).toBeVisible();
  await expect(chooser.getByRole('radio')).toHaveCount(30);
  await expect(chooser.getByRole('radio', { name: 'v1.31.9', exact: true })).toBeVisible();
  await expect(chooser.getByRole('radio', { name: 'v1.31.8', exact: true })).toHaveCount(0);
  const start = page.getByRole('button', { name: /^Start hotfix/ });
  await expect(start).toBeInViewport();
  await expect(start).toBeDisabled();

  // A line opens to its older patches.
  await chooser.getByRole('button', { name: 'Show 9 older releases of 1.31.x' }).click();
  await expect(
    chooser.getByRole('list', { name: 'Older releases of 1.31.x' }).getByRole('radio'),
  ).toHaveCount(9);
  await chooser.getByRole('button', { name: 'Show 2 more release lines (2 not shown)' }).click();
  await expect(chooser.getByRole('radio', { name: 'v1.0.9', exact: true })).toBeVisible();

  // A search reaches any tag, older patches included.
  await page.getByLabel('Search releases').fill('1.17.');
  await expect(page.getByText('10 of 320 releases match')).toBeVisible();
  await expect(chooser.getByRole('radio')).toHaveCount(10);
  await chooser.getByRole('radio', { name: 'v1.17.3', exact: true }).check();
  await expect(page.getByRole('button', { name: 'Start hotfix from v1.17.3' })).toBeInViewport();
  await page.getByLabel('Search releases').fill('v9');
  await expect(chooser).toContainText('No release matches “v9”.');
  // The choice stays, and so does its action.
  await page.getByRole('button', { name: 'Start hotfix from v1.17.3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a hotfix from v1.17.3' });
  await expect(dialog).toContainText('Create and check out hotfix/1.17.10 at v1.17.3');
  await dialog.getByRole('button', { name: 'Start hotfix' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Started hotfix 1.17.10' })).toBeVisible();
  expect(repo.git('branch', '--show-current')).toBe('hotfix/1.17.10');
});
