import { expect, test } from './support/fixtures.js';

test("continue the repository's own prerelease line from the channel it offers", async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first');
  repo.tag('v22.0.0');
  repo.commit('feat(@angular/build): a new builder');
  repo.tag('v22.1.0-next.3');
  repo.commit('fix(@angular/cli): crash on an empty config');

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('22.1.0');

  const channels = page.getByRole('group', { name: 'Prerelease channel' });
  // The repository's open channel first, then the common ones.
  await expect(channels.getByRole('radio')).toHaveCount(6);
  await expect(channels.getByRole('radio').nth(1)).toHaveAccessibleName('next');
  await channels.getByRole('radio', { name: 'next' }).check();
  await expect(card).toContainText('22.1.0-next.4');
  // Still offered, and still chosen, once its own plan has arrived.
  await expect(channels.getByRole('radio', { name: 'next' })).toBeChecked();
  await page.screenshot({ path: 'test-results/release-channels.png', fullPage: true });

  // A channel typed under Other stays as typed, even one the repository has open.
  await channels.getByRole('radio', { name: 'Other' }).check();
  await page.getByLabel('Channel name').fill('next');
  await page.getByLabel('Channel name').press('Enter');
  await expect(card).toContainText('22.1.0-next.4');
  await expect(page.getByLabel('Channel name')).toHaveValue('next');
});
