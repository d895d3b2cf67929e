import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_IDENTITY, tempDir } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');

test('a deploy interrupted by a killed process waits on the page until the user retries it', async ({
  page,
  desk,
  repo,
}) => {
  const log = path.join(tempDir('release-desk-deploys-'), 'deploys.log');
  repo.commit('chore: add the release policy', {
    '.release-desk.yml': `environments:
  - name: staging
    deploy: { run: 'echo deployed {version} >> "${log}"', timeout: 1m }
`,
  });
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  // A CLI promote killed (SIGKILL) right as its deploy starts: see core/intent/fault.ts.
  const killed = spawnSync(
    process.execPath,
    [CLI, 'promote', '1.0.0', '--to', 'staging', '--data-dir', desk.dataDir],
    {
      cwd: repo.dir,
      env: { ...process.env, ...TEST_IDENTITY, RELEASE_DESK_FAULT: 'promote:deploy-started' },
    },
  );
  expect(killed.signal).toBe('SIGKILL');

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Promotions' })
    .click();
  // The only release is selected already.
  await page.getByLabel('to', { exact: true }).selectOption('staging');
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await expect(page.getByRole('heading', { name: 'v1.0.0 → staging' })).toBeVisible();

  const interrupted = page.getByRole('status', { name: 'Interrupted during deploy.' });
  await expect(interrupted).toContainText('does not run again unless you ask');
  await page.screenshot({ path: 'test-results/interrupted-deploy.png' });
  // Promote alone does not deploy again.
  await page.getByRole('button', { name: 'Promote to staging' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'staging: interrupted during deploy. Retry the deploy to continue.' }),
  ).toBeVisible();
  expect(existsSync(log)).toBe(false);

  await interrupted.getByRole('button', { name: 'Retry deploy…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retry the deploy to staging?' });
  await expect(dialog).toContainText("echo deployed '1.0.0' >>");
  await dialog.getByRole('button', { name: 'Retry deploy', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'promotion succeeded and deployed' }),
  ).toBeVisible();
  await expect(interrupted).toBeHidden();
  expect(readFileSync(log, 'utf8')).toBe('deployed 1.0.0\n');
});
