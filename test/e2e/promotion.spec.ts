import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

const POLICY = `environments:
  - name: staging
    gates:
      - check: { name: Unit tests, run: "echo checks-ok", timeout: 1m }
      - checklist: Database migration reviewed
  - name: production
    gates:
      - approval: { required: 2, approvers: [alice@example.com, bob@example.com, carol@example.com], allowSelf: false }
`;

async function openPromotions(page: Page, url: string, repoDir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(repoDir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Promotions' })
    .click();
  await expect(page.getByRole('heading', { name: 'Promotions' })).toBeVisible();
}

/** An approver finds the promotion through the "waiting for you" notice and approves it. */
async function approveFromNotice(page: Page, comment: string): Promise<void> {
  await page.getByRole('button', { name: /1 waiting for you/ }).click();
  await page.getByRole('button', { name: /1\.0\.0 → production: approve/ }).click();
  await expect(page.getByRole('heading', { name: 'v1.0.0 → production' })).toBeVisible();
  await page.getByLabel('Comment').fill(comment);
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
}

test('a release goes through staging (check, checklist) and production (two approvals) from the UI', async ({
  page,
  context,
  desk,
  repo,
}) => {
  repo.commit('chore: add the release policy', { '.release-desk.yml': POLICY });
  repo.commit('feat: first feature');
  // The release is Dave's, so none of the approvers is its creator.
  repo.gitWithEnv(
    { GIT_COMMITTER_NAME: 'Dave', GIT_COMMITTER_EMAIL: 'dave@example.com' },
    'tag',
    '-a',
    'v1.0.0',
    '-m',
    'v1.0.0',
  );
  const alice = await desk.startAs({ name: 'Alice', email: 'alice@example.com' });
  const bob = await desk.startAs({ name: 'Bob', email: 'bob@example.com' });

  // The release manager (the repository's git identity, Ada) promotes to staging.
  await openPromotions(page, desk.url, repo.dir);
  await expect(page.getByRole('region', { name: 'staging', exact: true })).toContainText('Nothing live yet');
  await page.getByLabel('Release', { exact: true }).selectOption({ label: 'v1.0.0 — not promoted yet' });
  await expect(page.getByLabel('to', { exact: true })).toHaveValue('staging');
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await expect(page.getByRole('heading', { name: 'v1.0.0 → staging' })).toBeVisible();
  await expect(page.getByText('You are')).toBeVisible();
  await expect(page.getByText('Ada Tester <ada@example.com>')).toBeVisible();

  await page.getByRole('button', { name: 'Promote to staging' }).click();
  await expect(page.getByRole('log', { name: 'Output of Unit tests' })).toContainText('checks-ok');
  const checklist = page.getByRole('article', { name: /Database migration reviewed/ });
  await expect(checklist).toContainText('Waiting');
  await checklist.getByRole('checkbox', { name: 'Database migration reviewed' }).check();
  await checklist.getByLabel('Note (optional)').fill('checked the down migration too');
  await checklist.getByRole('button', { name: 'Tick' }).click();
  await expect(checklist).toContainText(/ticked by Ada Tester <ada@example.com>/i);
  // The last tick finishes the promotion: no second Promote.
  await expect(page.getByRole('status').filter({ hasText: 'All gates passed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Promote to staging' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'staging', exact: true })).toContainText(/Live\s*v1\.0\.0/);

  // Production waits on two approvers.
  await page.getByLabel('to', { exact: true }).selectOption('production');
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await expect(page.getByRole('heading', { name: 'v1.0.0 → production' })).toBeVisible();
  await page.getByRole('button', { name: 'Promote to production' }).click();
  const approval = page.getByRole('article', { name: /Approval/ });
  await expect(approval).toContainText(/0 of 2 approvals/);
  // Ada is not an approver: the buttons say why instead of failing on click.
  await expect(approval.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
  await expect(approval.getByRole('button', { name: 'Reject', exact: true })).toBeDisabled();

  const alicePage = await context.newPage();
  await openPromotions(alicePage, alice.url, repo.dir);
  await approveFromNotice(alicePage, 'staging looks good');
  const aliceApproval = alicePage.getByRole('article', { name: /Approval/ });
  await expect(aliceApproval).toContainText(/1 of 2 approvals.*waiting on 1 more approver/);
  await expect(aliceApproval.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();

  const bobPage = await context.newPage();
  await openPromotions(bobPage, bob.url, repo.dir);
  await approveFromNotice(bobPage, 'ship it');
  await expect(bobPage.getByRole('article', { name: /Approval/ })).toContainText('Passed');

  // Bob's approval was the last gate: production took the release then and there.
  await expect(bobPage.getByRole('status').filter({ hasText: 'All gates passed' })).toBeVisible();
  await page.bringToFront();
  await page.keyboard.press('Control+r');
  await expect(approval).toContainText('Passed');
  await expect(page.getByRole('region', { name: 'production', exact: true })).toContainText(
    /Live\s*v1\.0\.0/,
  );
});
