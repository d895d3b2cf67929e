import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { TestRepo, TEST_IDENTITY } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');

/** Production waits on the test identity's own approval: the header's "waiting for you" count shows. */
const POLICY = `environments:
  - name: production
    gates:
      - approval: { required: 1, approvers: [ada@example.com], allowSelf: true }
`;

function promote(repo: TestRepo, dataDir: string): void {
  const run = spawnSync(
    process.execPath,
    [CLI, 'promote', '1.0.0', '--to', 'production', '--repo', repo.dir, '--data-dir', dataDir],
    { env: { ...process.env, ...TEST_IDENTITY }, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(3);
}

async function open(page: Page, dir: string): Promise<void> {
  const switcher = page.getByRole('button', { name: 'Switch repository' });
  if (await switcher.isVisible()) await switcher.click();
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(
    page
      .getByRole('region', { name: 'Current repository' })
      .getByRole('heading', { name: path.basename(dir) }),
  ).toBeVisible();
}

async function box(locator: Locator): Promise<{ y: number; height: number }> {
  const found = await locator.boundingBox();
  expect(found).not.toBeNull();
  return found!;
}

const height = async (locator: Locator) => (await box(locator)).height;

/** One line: every item's box overlaps every other's vertically (on two lines the second starts below the first). */
async function expectOneRow(items: Locator[], width: number): Promise<void> {
  const boxes = await Promise.all(items.map(box));
  const lowestTop = Math.max(...boxes.map((b) => b.y));
  const highestBottom = Math.min(...boxes.map((b) => b.y + b.height));
  expect(lowestTop, `the header's items share one line at ${width} px`).toBeLessThan(highestBottom);
}

test('the header is one line from 1024 px with the sync status and the waiting count both shown', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first feature', { '.release-desk.yml': POLICY });
  repo.tag('v1.0.0');
  promote(repo, desk.dataDir);
  // The same header with one item fewer: a repository nobody waits on.
  const quiet = new TestRepo();
  quiet.commit('feat: other app');
  quiet.tag('v3.1.0');
  const header = page.locator('header');
  const sync = page.getByRole('status', { name: 'Ledger sync status' });
  const waiting = page.getByRole('button', { name: '1 waiting for you' });
  const switcher = page.getByRole('button', { name: 'Switch repository' });
  const name = page.getByRole('heading', { level: 1, name: path.basename(repo.dir) });
  try {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(desk.url);
    await open(page, quiet.dir);
    await expect(sync).toHaveText('Offline');
    const oneLine = await height(header);

    await open(page, repo.dir);
    await expect(sync).toHaveText('Offline: 1 not yet shared');
    await expect(waiting).toBeVisible();
    for (const width of [1024, 1280, 1440]) {
      await page.setViewportSize({ width, height: 768 });
      await expectOneRow([name, sync, switcher, waiting], width);
      expect(await height(header), `the header's height at ${width} px`).toBe(oneLine);
    }

    // Condensed at 1024 px, never for screen readers: the full words stay in the names and the text.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(switcher).toBeVisible();
    await expect(page.getByRole('region', { name: 'Current repository' })).toContainText('Latest release');
    await expect(sync).toHaveAttribute('title', /^Offline: 1 not yet shared — /);
    await expect(name).toHaveAttribute('title', repo.dir);

    // At 800 px it may wrap, but everything is there and nothing runs off the window.
    await page.setViewportSize({ width: 800, height: 768 });
    await expect(waiting).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Sync', exact: true })).toBeInViewport();
    await expect(switcher).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [800, 1024, 1440]) {
        await page.setViewportSize({ width, height: 768 });
        await page.screenshot({
          path: `test-results/header-${width}-${scheme}.png`,
          clip: { x: 0, y: 0, width, height: 160 },
        });
      }
    }
  } finally {
    quiet.remove();
  }
});
