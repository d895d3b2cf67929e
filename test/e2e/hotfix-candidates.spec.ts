import { expect, test } from './support/fixtures.js';
import { manyCommits } from './support/many-commits.js';

test('fix candidates at real sizes: fixes first, a cherry-picked copy listed once, windowed, Pick always on screen', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: parser', { 'parser.txt': 'parse\n' });
  repo.tag('v1.0.0');
  const parser = repo.commit('fix: parser crash on empty input', { 'parser.txt': 'parse safely\n' });
  repo.commit('fix: parser crash, the follow-up', { 'parser.txt': 'parse safely, always\n' });
  repo.checkout('v1.0.0');
  repo.checkout('release/1.0', true);
  repo.git('cherry-pick', '-x', parser);
  const copy = repo.head();
  repo.checkout('main');
  manyCommits(repo, 400, 3);

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Hotfixes' }).click();
  await page.getByRole('radio', { name: 'v1.0.0', exact: true }).check();
  await page.getByRole('button', { name: 'Start hotfix from v1.0.0' }).click();
  await page
    .getByRole('dialog', { name: 'Start a hotfix from v1.0.0' })
    .getByRole('button', { name: 'Start hotfix' })
    .click();

  const list = page.getByRole('list', { name: 'Commits to pick' });
  await expect(page.getByText('300 commits, fixes first, each change once')).toBeVisible();
  // Only a window of the 300 rows is in the page; each row knows its place in the whole list.
  const rows = list.getByRole('listitem');
  expect(await rows.count()).toBeLessThan(40);
  await expect(rows.first()).toHaveAttribute('aria-setsize', '300');
  await expect(rows.first()).toContainText('fix');
  const pick = page.getByRole('button', { name: /^Pick\s+fixes$/ });
  await expect(pick).toBeInViewport();

  // The original fix is listed once, with its copy on release/1.0 named; the copy itself is not a row.
  await page.getByLabel('Search commits').fill('parser crash');
  await expect(page.getByText('2 commits match, fixes first, each change once')).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: 'parser crash on empty input' })).toContainText(
    'also 1 copy',
  );
  await expect(list).not.toContainText(copy.slice(0, 7));

  // Chosen child first, the pick goes parents first.
  await list.getByRole('checkbox', { name: 'parser crash, the follow-up' }).check();
  await list.getByRole('checkbox', { name: 'parser crash on empty input' }).check();
  await expect(page.getByRole('button', { name: 'Pick 2 fixes' })).toBeInViewport();
  await page.getByRole('button', { name: 'Pick 2 fixes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pick fixes onto hotfix/1.0.1' });
  await expect(dialog).toContainText('(parents first)');
  await dialog.getByRole('button', { name: 'Pick 2 fixes' }).click();
  await expect(page.getByRole('list', { name: 'Picked onto hotfix/1.0.1' }).getByRole('listitem')).toHaveText(
    [/parser crash on empty input/, /parser crash, the follow-up/],
  );
  expect(repo.git('log', '--format=%s', '-2', 'hotfix/1.0.1')).toBe(
    'fix: parser crash, the follow-up\nfix: parser crash on empty input',
  );

  // Scrolled to the end of the full list (the picked copies now fold into their originals), its last rows are drawn.
  // The list reloads after the pick (both now on the hotfix) before the search is cleared.
  await expect(rows.filter({ hasText: 'already on the hotfix' })).toHaveCount(2);
  await page.getByLabel('Search commits').fill('');
  await expect(page.getByText(/^\d+ commits, fixes first, each change once$/)).toBeVisible();
  const size = await rows.first().getAttribute('aria-setsize');
  expect(Number(size)).toBeGreaterThan(290);
  await list.evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(rows.last()).toHaveAttribute('aria-posinset', size!);
  await expect(page.getByRole('button', { name: /^Pick\s+fixes$/ })).toBeInViewport();
});
