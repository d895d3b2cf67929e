import { expect, test } from './support/fixtures.js';

test('a project that moved from bare tags to v: with versioning.olderTagPrefixes, the Release screen counts from its bare release', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first');
  repo.tag('1.0.0');
  repo.commit('feat: second');
  repo.tag('1.1.0');
  repo.commit('feat: tag new releases with a v', {
    '.release-desk.yml': 'versioning:\n  tagPrefix: v\n  olderTagPrefixes: [""]\n',
  });

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toContainText('1.1.0');
  const card = page.getByRole('region', { name: 'Next version' });
  await expect(card).toContainText('1.1.0');
  await expect(card).toContainText('1.2.0');
  await expect(card).toContainText('minor');
  await expect(card).toContainText('1 commit since 1.1.0');
  await expect(card).not.toContainText('behind another prefix');
  const commits = page.getByRole('region', { name: /Commits since/ });
  await expect(commits).toContainText('tag new releases with a v');
  await expect(commits).not.toContainText('second');
  await page.screenshot({ path: 'test-results/release-older-prefix.png', fullPage: true });

  await page.getByRole('button', { name: 'Create release' }).click();
  await expect(page.getByRole('dialog', { name: /Create release/ })).toContainText('v1.2.0');
});
