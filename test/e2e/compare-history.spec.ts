import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');
const POLICY = `environments:
  - name: staging
  - name: production
`;

/** v2.0.0, v2.1.0 and v2.2.0 (three notable changes after v2.1.0); 2.1.0 live in production, 2.2.0 in staging. */
function releasedAndPromoted(repo: TestRepo, dataDir: string): void {
  repo.commit('feat: first feature', { '.release-desk.yml': POLICY });
  repo.tag('v2.0.0');
  repo.commit('fix(api): null ids');
  repo.tag('v2.1.0');
  repo.commit('feat(ui): dark mode');
  repo.commit('fix: typo in the footer');
  repo.commit('feat!: drop the v1 API\n\nBREAKING CHANGE: /v1 is gone.');
  repo.commit('chore: tidy');
  repo.tag('v2.2.0');
  const promote = (version: string, environment: string) =>
    execFileSync(process.execPath, [CLI, 'promote', version, '--to', environment, '--data-dir', dataDir], {
      cwd: repo.dir,
    });
  promote('2.1.0', 'staging');
  promote('2.1.0', 'production');
  promote('2.2.0', 'staging');
}

async function openRepo(page: Page, url: string, dir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();

test('compare: production → staging lists the three changes and copies them as Markdown', async ({
  page,
  context,
  desk,
  repo,
}) => {
  releasedAndPromoted(repo, desk.dataDir);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openRepo(page, desk.url, repo.dir);

  // From the Promotions board.
  await nav(page, 'Promotions');
  await page.getByRole('button', { name: 'Compare environments' }).click();
  await expect(page.getByRole('heading', { name: 'Compare', level: 2 })).toBeFocused();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('environment:production');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('environment:staging');
  const notes = page.getByRole('region', { name: /production v2\.1\.0 → staging v2\.2\.0: 3 changes/ });
  await expect(notes).toBeVisible();
  await expect(notes.getByRole('list', { name: 'Features' }).getByRole('listitem')).toHaveText([
    /drop the v1 API/,
    /ui: dark mode/,
  ]);
  await expect(notes.getByRole('list', { name: 'Bug Fixes' }).getByRole('listitem')).toHaveText([
    /typo in the footer/,
  ]);
  await expect(notes.getByRole('region', { name: 'Breaking changes' })).toContainText('/v1 is gone.');
  await expect(notes).not.toContainText('null ids');

  await notes.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(notes.getByRole('status')).toHaveText('Copied as Markdown');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')[0]).toBe('# production v2.1.0 → staging v2.2.0: 3 changes');
  expect(copied).toContain('* **ui:** dark mode');
  expect(copied).toContain('typo in the footer');
  expect(copied).not.toContain('null ids');

  // Backwards: what a move from staging back to production's release takes away.
  await page.getByRole('button', { name: 'Swap the ends' }).click();
  await expect(
    page.getByText('production v2.1.0 is behind staging v2.2.0: moving there takes these changes away.'),
  ).toBeVisible();

  // Any two releases, from the pickers.
  await page.getByLabel('From', { exact: true }).selectOption('release:2.0.0');
  await page.getByLabel('To', { exact: true }).selectOption('release:2.1.0');
  const small = page.getByRole('region', { name: 'v2.0.0 → v2.1.0: 1 change' });
  await expect(small.getByRole('list', { name: 'Bug Fixes' })).toContainText('api: null ids');

  // From a promotion's page: what is live in production against the release promoted.
  await nav(page, 'Promotions');
  await page.getByLabel('Release', { exact: true }).selectOption('2.2.0');
  await page.getByLabel('to', { exact: true }).selectOption('production');
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await page.getByRole('button', { name: 'Compare with production (v2.1.0)' }).click();
  await expect(page.getByRole('region', { name: 'production v2.1.0 → v2.2.0: 3 changes' })).toBeVisible();
});

test('release history: versions on a timeline with the environments each reached', async ({
  page,
  desk,
  repo,
}) => {
  releasedAndPromoted(repo, desk.dataDir);
  await openRepo(page, desk.url, repo.dir);
  await nav(page, 'History');
  await expect(page.getByRole('heading', { name: 'Release history' })).toBeFocused();
  await expect(
    page.getByRole('img', {
      name: /^Release timeline: 3 releases from .*; staging: v2\.2\.0; production: v2\.1\.0$/,
    }),
  ).toBeVisible();
  const list = page.getByRole('list', { name: 'Releases, newest first' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').nth(0)).toContainText('v2.2.0');
  await expect(list.getByRole('listitem').nth(0).getByLabel('Environments v2.2.0 reached')).toHaveText(
    'staging · live',
  );
  await expect(list.getByRole('listitem').nth(1).getByLabel('Environments v2.1.0 reached')).toHaveText(
    /staging\s*production · live/,
  );
  await expect(list.getByRole('listitem').nth(2)).toContainText('not promoted');

  await page.getByLabel('Search versions').fill('2.1');
  await expect(page.getByText('1 of 3 releases match')).toBeVisible();
  await list.getByRole('button', { name: 'Changes in v2.1.0 since v2.0.0' }).click();
  await expect(page.getByRole('region', { name: 'v2.0.0 → v2.1.0: 1 change' })).toBeVisible();
});
