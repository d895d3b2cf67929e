import type { Page } from '@playwright/test';
import type { TestRepo } from '../support/git-fixture.js';
import { tempDir } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

/** A released 1.0.0 followed by a feature. */
function releasedRepo(repo: TestRepo, files: Record<string, string> = {}): void {
  repo.commit('chore: start the project', files);
  repo.tag('v1.0.0');
  repo.commit('feat(api): add the export endpoint');
}

async function openRepo(page: Page, url: string, dir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Release', exact: true })).toBeVisible();
}

test('an override not above the current release is refused in the form, before any dialog', async ({
  page,
  desk,
  repo,
}) => {
  releasedRepo(repo);
  await openRepo(page, desk.url, repo.dir);
  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('1.1.0');

  const version = page.getByLabel('Version to release as');
  const apply = page.getByRole('button', { name: 'Apply override' });
  await page.getByLabel('Reason for the override').fill('Go back to the old numbering');
  await version.fill('0.9.0');
  await expect(apply).toBeDisabled();
  await expect(version).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('0.9.0 is not greater than the current version 1.0.0')).toBeVisible();
  await expect(page.getByText(/Applied:/)).toHaveCount(0);
  await version.fill('v1.0.0');
  await expect(page.getByText('1.0.0 is not greater than the current version 1.0.0')).toBeVisible();
  await expect(apply).toBeDisabled();

  await version.fill('1.0.1');
  await apply.click();
  await expect(page.getByText('Applied: the release will be 1.0.1.')).toBeVisible();
  await expect(card).toContainText('1.0.1');
  await page.getByRole('button', { name: 'Create release' }).click();
  const dialog = page.getByRole('dialog', { name: /Create release/ });
  await expect(dialog).toContainText('v1.0.1');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});

test('Push is offered only when the repository has a remote, and says why not', async ({
  page,
  desk,
  repo,
}) => {
  releasedRepo(repo);
  await openRepo(page, desk.url, repo.dir);
  await page.getByRole('button', { name: 'Create release' }).click();
  const dialog = page.getByRole('dialog', { name: /Create release/ });
  await expect(dialog).toContainText('v1.1.0');
  const push = dialog.getByRole('checkbox', { name: 'Push to origin' });
  await expect(push).toBeDisabled();
  await expect(push).toHaveAccessibleDescription(/This repository has no remote to push to/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const remote = tempDir('release-desk-remote-');
  repo.git('init', '-q', '--bare', remote);
  repo.git('remote', 'add', 'origin', remote);
  // A reload reads the repository again (and keeps it open).
  await page.reload();
  await expect(page.getByRole('region', { name: 'Next version' })).toContainText('1.1.0');
  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Push to origin' })).toBeEnabled();
  await expect(dialog.getByText(/has no remote/)).toHaveCount(0);
  await dialog.getByRole('checkbox', { name: 'Push to origin' }).check();
  await expect(dialog).toContainText('Push main and v1.1.0 to origin');
});

test("switching channel clears the old channel's plan at once and its edited changelog", async ({
  page,
  desk,
  repo,
}) => {
  releasedRepo(repo);
  await openRepo(page, desk.url, repo.dir);
  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('1.1.0');
  const changelog = page.getByRole('region', { name: 'Changelog' });
  await changelog.getByRole('button', { name: 'Edit' }).click();
  await changelog.getByRole('textbox', { name: 'Changelog' }).fill('## 1.1.0\n\nHand-written notes\n');
  await expect(changelog).toContainText('edited');

  // The rc plan is held back, so what the screen shows meanwhile can be seen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/release.plan', async (route) => {
    if (route.request().postData()?.includes('"prerelease":"rc"')) await held;
    await route.continue();
  });
  await page.getByRole('radio', { name: 'rc' }).check();
  await expect(page.getByText('Working out the next release…')).toBeVisible();
  await expect(card).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create release' })).toBeDisabled();
  release();

  await expect(card).toContainText('1.1.0-rc.1');
  await expect(changelog).not.toContainText('edited');
  await expect(changelog).not.toContainText('Hand-written notes');
  await expect(changelog).toContainText('1.1.0-rc.1');
});

test('a first release says so instead of naming a bump', async ({ page, desk, repo }) => {
  repo.commit('feat!: the first API');
  await openRepo(page, desk.url, repo.dir);
  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('0.1.0 — first release');
  await expect(card).not.toContainText('— major');
});

test('broken promotion keys are all listed, and the Release screen still releases', async ({
  page,
  desk,
  repo,
}) => {
  releasedRepo(repo, {
    '.release-desk.yml': [
      'environments:',
      '  - name: staging',
      '    gates:',
      '      - approval: { required: two, approvers: [a@x.io] }',
      '      - check: { name: Unit tests, run: npm test, timeout: 10 mins }',
      '',
    ].join('\n'),
  });
  await openRepo(page, desk.url, repo.dir);
  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('1.1.0');
  await expect(card).toContainText(
    '.release-desk.yml line 4: environments[0].gates[0].approval.required must be a positive integer',
  );
  await expect(card).toContainText('.release-desk.yml line 5: environments[0].gates[1].check.timeout');
  await expect(card).toContainText('Releases are unaffected');

  await page.getByRole('button', { name: 'Create release' }).click();
  const dialog = page.getByRole('dialog', { name: /Create release/ });
  await dialog.getByRole('button', { name: 'Confirm release' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Released v1.1.0 at' })).toBeVisible();
  expect(repo.git('tag', '--list', 'v1.1.0')).toBe('v1.1.0');

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Promotions' })
    .click();
  await expect(page.getByRole('alert')).toContainText('approval.required must be a positive integer');
  await expect(page.getByRole('alert')).toContainText('check.timeout');
});
