import { expect, test } from './support/fixtures.js';

test('what is typed in the fix search right after a pick, and what is ticked, survive a reload', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: parser', { 'parser.txt': 'parse\n' });
  repo.tag('v1.0.0');
  repo.commit('fix: null pointer in parser', { 'parser.txt': 'parse safely\n' });
  repo.commit('fix: crash on empty export', { 'export.txt': 'export safely\n' });
  repo.commit('fix: crash on a long name', { 'name.txt': 'names\n' });

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

  await page.getByLabel('Search commits').fill('null pointer');
  await page.getByRole('checkbox', { name: 'null pointer in parser' }).check();
  await page.getByRole('button', { name: 'Pick 1 fix' }).click();
  await page
    .getByRole('dialog', { name: 'Pick fixes onto hotfix/1.0.1' })
    .getByRole('button', { name: 'Pick fix' })
    .click();
  await expect(page.getByRole('list', { name: 'Picked onto hotfix/1.0.1' })).toContainText(
    'null pointer in parser',
  );
  // The dialog stays (modal: the page behind it takes no typing) until the screen has re-read the repository.
  await expect(page.getByRole('dialog', { name: 'Pick fixes onto hotfix/1.0.1' })).toBeHidden();
  // Right after the pick: a new search, one fix ticked, and a reload at once.
  await page.getByLabel('Search commits').fill('crash');
  await page.getByRole('checkbox', { name: 'crash on empty export' }).check();
  await page.reload();

  await expect(page.getByRole('heading', { name: '2. Choose the fixes for 1.0.1' })).toBeVisible();
  await expect(page.getByLabel('Search commits')).toHaveValue('crash');
  const list = page.getByRole('list', { name: 'Commits to pick' });
  await expect(list.getByRole('checkbox', { name: 'crash on a long name' })).toBeVisible();
  await expect(list.getByRole('checkbox', { name: 'null pointer in parser' })).toHaveCount(0);
  await expect(list.getByRole('checkbox', { name: 'crash on empty export' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Pick 1 fix' })).toBeEnabled();
});
