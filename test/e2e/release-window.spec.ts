import { expect, test } from './support/fixtures.js';
import { manyCommits } from './support/many-commits.js';

test('thousands of commits on the Release screen: windowed groups, the filter, keys and links still reach every one', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: the start');
  repo.tag('v1.0.0');
  manyCommits(repo, 4000, 4);

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const commits = page.getByRole('region', { name: /Commits since v1\.0\.0/ });
  const features = commits.getByRole('list', { name: /^Features: 3000 commits/ });
  await expect(features).toBeVisible({ timeout: 30_000 });
  // 3,000 rows, a window of them drawn; each says where it sits in the whole.
  const drawn = await features.getByRole('listitem').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await expect(features.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '3000');

  // The keyboard walks past what is drawn: End to the last row, Up from there.
  await features.getByRole('listitem').first().focus();
  await page.keyboard.press('End');
  const last = features.locator('[aria-posinset="3000"]');
  await expect(last).toBeFocused();
  await expect(last).toContainText('widget number 1');
  await page.keyboard.press('ArrowUp');
  await expect(features.locator('[aria-posinset="2999"]')).toBeFocused();
  // A reason's commit link brings its row into the window although it is not drawn now.
  await expect(features.locator('[aria-posinset="1"]')).toHaveCount(0);
  const reasons = page.getByRole('list', { name: 'Reasons for the next version' });
  await reasons.getByRole('listitem').filter({ hasText: 'widget number 3999' }).getByRole('link').click();
  await expect(features.locator('[aria-posinset="1"]')).toBeFocused();
  await expect(features.locator('[aria-posinset="1"]')).toContainText('widget number 3999');
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await expect(features.locator('[aria-posinset="1"]')).toBeFocused();

  // All 4,000 reasons open as a window too, not 4,000 rows at once.
  const card = page.getByRole('region', { name: 'Next version' });
  await card.getByText('Show all 4000 reasons').click();
  const reasonsAll = card.getByRole('list', { name: 'All reasons for the next version' });
  await expect(reasonsAll.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '4000');
  expect(await reasonsAll.getByRole('listitem').count()).toBeLessThan(80);

  const filter = commits.getByLabel('Filter commits');
  await filter.fill('widget number 1234');
  // The filter reads SHAs too, so a short one may match by its SHA: the commit is there, the rest gone.
  await expect(commits.getByRole('listitem').filter({ hasText: 'widget number 1234' })).toHaveCount(1);
  expect(await commits.getByRole('listitem').count()).toBeLessThan(5);
  await filter.fill('bug number 400');
  const fixes = commits.getByRole('region', { name: /^Bug Fixes/ });
  // Few enough to be a plain list again, whose subjects wrap.
  await expect(fixes.getByRole('listitem').filter({ hasText: 'bug number 2400' })).toBeVisible();
  await expect(fixes.locator('[aria-setsize]')).toHaveCount(0);
  await filter.fill('');
  await expect(features.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '3000');
  await page.screenshot({ path: 'test-results/release-window.png' });
});
