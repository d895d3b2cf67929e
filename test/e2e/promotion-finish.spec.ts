import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TEST_IDENTITY } from '../support/git-fixture.js';
import type { TestRepo } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');

const POLICY = `environments:
  - name: staging
    gates:
      - checklist: Release notes read
  - name: production
    gates:
      - approval: { required: 1, approvers: [bob@example.com], allowSelf: false }
deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
`;

/** The repository with two releases, v1.0.0 and v1.1.0, tagged by Dave (so Bob may approve). */
function twoReleases(repo: TestRepo) {
  repo.commit('chore: add the release policy', { '.release-desk.yml': POLICY });
  for (const version of ['1.0.0', '1.1.0']) {
    repo.commit(`feat: change for ${version}`);
    repo.gitWithEnv(
      { GIT_COMMITTER_NAME: 'Dave', GIT_COMMITTER_EMAIL: 'dave@example.com' },
      'tag',
      '-a',
      `v${version}`,
      '-m',
      `v${version}`,
    );
  }
}

/** Sets a scene up through the CLI, as a pipeline would; each command must succeed or wait (exit 3). */
function cli(repo: TestRepo, dataDir: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args, '--repo', repo.dir, '--data-dir', dataDir], {
    env: { ...process.env, ...TEST_IDENTITY },
    encoding: 'utf8',
  });
  expect([0, 3], run.stderr).toContain(run.status);
}

function intoStaging(repo: TestRepo, dataDir: string, version: string) {
  cli(repo, dataDir, 'promote', version, '--to', 'staging');
  cli(repo, dataDir, 'tick', version, '--env', 'staging', '--item', 'Release notes read');
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

test('a promotion finishes itself on the last approval and says so', async ({ page, desk, repo }) => {
  twoReleases(repo);
  intoStaging(repo, desk.dataDir, '1.0.0');
  cli(repo, desk.dataDir, 'promote', '1.0.0', '--to', 'production');
  const bob = await desk.startAs({ name: 'Bob', email: 'bob@example.com' });

  await openPromotions(page, bob.url, repo.dir);
  const production = page.getByRole('region', { name: 'production', exact: true });
  await expect(
    production.getByRole('progressbar', { name: 'Gates passed, v1.0.0 to production' }),
  ).toHaveAttribute('aria-valuetext', '0 of 1 gates');
  await production.getByRole('button', { name: /v1\.0\.0/ }).click();
  await expect(page.getByRole('navigation', { name: 'Gates, in order' })).toContainText(
    '0 of 1 gates done · waiting on Approval',
  );
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'All gates passed — deployed v1.0.0 to production.' }),
  ).toBeVisible();
  await expect(production).toContainText(/Live\s*v1\.0\.0/);
  await expect(production).toContainText('Nothing on its way');
  await expect(page.getByRole('log', { name: 'Deploy output' })).toContainText(
    'deploying 1.0.0 to production',
  );
  await page.screenshot({ path: 'test-results/promotion-finished.png', fullPage: true });
});

test('two open promotions into one environment are both on the pipeline', async ({ page, desk, repo }) => {
  twoReleases(repo);
  cli(repo, desk.dataDir, 'promote', '1.0.0', '--to', 'staging');
  cli(repo, desk.dataDir, 'promote', '1.1.0', '--to', 'staging');

  await openPromotions(page, desk.url, repo.dir);
  const onItsWay = page.getByRole('list', { name: 'On its way to staging' });
  await expect(onItsWay.getByRole('listitem')).toHaveCount(2);
  await expect(onItsWay.getByRole('progressbar', { name: 'Gates passed, v1.1.0 to staging' })).toBeVisible();
  await expect(onItsWay.getByRole('progressbar', { name: 'Gates passed, v1.0.0 to staging' })).toBeVisible();
  await onItsWay.getByRole('button', { name: /v1\.0\.0/ }).click();
  await expect(page.getByRole('heading', { name: 'v1.0.0 → staging' })).toBeVisible();
});

test('on-call rolls an environment back in one click, without the checklist again', async ({
  page,
  desk,
  repo,
}) => {
  twoReleases(repo);
  intoStaging(repo, desk.dataDir, '1.0.0');
  intoStaging(repo, desk.dataDir, '1.1.0');

  await openPromotions(page, desk.url, repo.dir);
  const staging = page.getByRole('region', { name: 'staging', exact: true });
  await expect(staging).toContainText(/Live\s*v1\.1\.0/);
  await staging.getByRole('button', { name: 'Roll staging back to v1.0.0…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll staging back to v1.0.0 (live before v1.1.0)' });
  await expect(dialog).toContainText('Checklists and approvals are not asked again');
  await dialog.getByRole('button', { name: 'Roll staging back to v1.0.0' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Rolled staging back to v1.0.0 (live before v1.1.0).' }),
  ).toBeVisible();
  await expect(staging).toContainText(/Live\s*v1\.0\.0/);
  await expect(page.getByRole('heading', { name: 'v1.0.0 → staging' })).toBeVisible();
  await expect(
    page.getByText('A rollback: it returns staging to v1.0.0, which was live before v1.1.0.'),
  ).toBeVisible();
  await expect(page.getByRole('article', { name: /Release notes read/ })).toContainText('Skipped');
  await expect(page.getByText(/@staging#/)).toHaveCount(0);
});

test('a downgrade warns and needs a reason, which is recorded', async ({ page, desk, repo }) => {
  twoReleases(repo);
  intoStaging(repo, desk.dataDir, '1.1.0');

  await openPromotions(page, desk.url, repo.dir);
  await page.getByLabel('Release', { exact: true }).selectOption({ label: 'v1.0.0 — not promoted yet' });
  await page.getByLabel('to', { exact: true }).selectOption('staging');
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await expect(
    page.getByRole('group', { name: /^A downgrade: v1\.0\.0 is older than v1\.1\.0, live in staging now/ }),
  ).toBeVisible();
  const promote = page.getByRole('button', { name: 'Promote to staging' });
  await expect(promote).toBeDisabled();
  await expect(page.getByText('A downgrade needs a reason.')).toBeVisible();
  await page.getByLabel('Reason for the downgrade (recorded)').fill('v1.1.0 breaks logins');
  await promote.click();
  await expect(page.getByText('A downgrade from v1.1.0: “v1.1.0 breaks logins”')).toBeVisible();
  await expect(page.getByRole('region', { name: 'staging', exact: true })).toContainText(/Live\s*v1\.1\.0/);
});
