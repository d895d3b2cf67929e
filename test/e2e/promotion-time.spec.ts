import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TEST_IDENTITY } from '../support/git-fixture.js';
import type { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');

function cli(repo: TestRepo, dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args, '--repo', repo.dir, '--data-dir', dataDir], {
    env: { ...process.env, ...TEST_IDENTITY },
    encoding: 'utf8',
  });
  expect([0, 3], run.stderr).toContain(run.status);
}

async function openPromotions(page: Page, url: string, repoDir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(repoDir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Promotions' })
    .click();
  await expect(page.getByRole('heading', { name: 'Promotions' })).toBeVisible();
}

test('a promotion waiting only on a soak finishes by itself when the soak ends', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: add the release policy', {
    '.release-desk.yml': `environments:
  - name: staging
  - name: production
    gates:
      - soak: { in: staging, for: 20s }
    deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
`,
  });
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  cli(repo, desk.dataDir, 'promote', '1.0.0', '--to', 'staging');
  cli(repo, desk.dataDir, 'promote', '1.0.0', '--to', 'production');

  await openPromotions(page, desk.url, repo.dir);
  const production = page.getByRole('region', { name: 'production', exact: true });
  const finishLine = /Finishes by itself at \d{4}-\d\d-\d\d \d\d:\d\d \S+ when the soak ends/;
  // The board's card says it before anyone opens the promotion.
  const card = production.getByRole('button', { name: /v1\.0\.0/ });
  await expect(card.getByText(finishLine)).toBeVisible();
  const cardLine = (await card.getByText(finishLine).textContent())!.replace(/^◷\s*/, '');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 768 });
      await page.screenshot({ path: `test-results/board-finishes-by-itself-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await card.click();
  await expect(page.getByRole('heading', { name: 'v1.0.0 → production' })).toBeVisible();
  const promotionPage = page.getByRole('region', { name: 'v1.0.0 → production' });
  await expect(promotionPage.getByText(finishLine)).toBeVisible();
  // The same moment in the same words on the card and the page.
  await expect(promotionPage.getByText(finishLine)).toContainText(cardLine);
  await page.screenshot({ path: 'test-results/promotion-finishes-by-itself.png', fullPage: true });

  // Nobody presses anything: the app's clock finishes it when the soak ends.
  await expect(
    page.getByRole('status').filter({ hasText: 'All gates passed — deployed v1.0.0 to production.' }),
  ).toBeVisible({ timeout: 45_000 });
  await expect(production).toContainText(/Live\s*v1\.0\.0/);
  await expect(page.getByRole('log', { name: 'Deploy output' })).toContainText(
    'deploying 1.0.0 to production',
  );
  await expect(page.getByText(/Finishes by itself/)).toHaveCount(0);
});

test('a check reads Running with its time while it runs, and a failure shows its exit and last lines', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: add the release policy', {
    '.release-desk.yml': `environments:
  - name: staging
    gates:
      - check: { name: Smoke, run: "for i in 1 2 3 4 5 6; do echo step $i; done; sleep 3; echo disk full >&2; exit 3", timeout: 1m }
`,
  });
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');

  await openPromotions(page, desk.url, repo.dir);
  await page.getByLabel('Release', { exact: true }).selectOption({ label: 'v1.0.0 — not promoted yet' });
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await page.getByRole('button', { name: 'Promote to staging' }).click();

  const smoke = page.getByRole('article', { name: 'Check: Smoke' });
  await expect(smoke).toContainText('Running…');
  await expect(smoke).not.toContainText('Waiting');
  await expect(smoke.getByText(/Running Smoke… \d+ s/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Gates, in order' })).toContainText('running Smoke');

  const why = smoke.getByRole('group', { name: 'Why Smoke failed' });
  await expect(why).toContainText('exited with code 3.', { timeout: 15_000 });
  await expect(smoke.getByLabel('Last lines of Smoke')).toHaveText(
    'step 3\nstep 4\nstep 5\nstep 6\ndisk full',
  );
  await expect(smoke).toContainText('Failed');
  await page.screenshot({ path: 'test-results/check-failed.png', fullPage: true });
});
