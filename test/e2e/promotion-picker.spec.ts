import { execFileSync } from 'node:child_process';
import { expect, test } from './support/fixtures.js';

const POLICY = `environments:
  - name: staging
    gates:
      - check: { name: Unit tests, run: "echo checks-ok", timeout: 1m }
`;

test('the promotion picker reaches a release older than the newest 100 by search', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: add the release policy', { '.release-desk.yml': POLICY });
  const sha = repo.commit('feat: first feature');
  const updates = Array.from({ length: 130 }, (_, patch) => `create refs/tags/v1.0.${patch} ${sha}`);
  execFileSync('git', ['update-ref', '--stdin'], { cwd: repo.dir, input: `${updates.join('\n')}\n` });

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Promotions' })
    .click();

  const release = page.getByLabel('Release', { exact: true });
  await expect(page.getByText('Showing the newest 100 of 130 releases')).toBeVisible();
  await expect(release.getByRole('option')).toHaveCount(100);
  await expect(release.getByRole('option', { name: /^v1\.0\.5 / })).toHaveCount(0);

  await page.getByLabel('Find', { exact: true }).fill('v1.0.5');
  await expect(page.getByText('11 of 130 releases match.')).toBeVisible();
  await expect(release).toHaveValue('1.0.5'); // the one typed in full, before v1.0.59
  await release.selectOption({ label: 'v1.0.5 — older release' });
  await expect(page.getByLabel('to', { exact: true })).toHaveValue('staging');
  await page.getByRole('button', { name: 'Open promotion' }).click();
  await expect(page.getByRole('heading', { name: 'v1.0.5 → staging' })).toBeVisible();
});
