import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';

test('release one package of a monorepo: told which prefix to set, then only its commits, files and tag', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: start', {
    'packages/angular/package.json': '{\n  "name": "angular",\n  "version": "9.3.0"\n}\n',
    'packages/writer/package.json': '{\n  "name": "writer",\n  "version": "8.1.0"\n}\n',
  });
  repo.tag('angular-v9.3.0');
  repo.tag('writer-v8.1.0');
  repo.commit('feat(writer): render functions', { 'packages/writer/index.js': '2\n' });
  repo.commit('fix(angular): keep the scope', { 'packages/angular/index.js': '2\n' });

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const card = page.getByRole('region', { name: 'Next version' });
  // Without a policy, the packages' tags are not releases: the screen says which prefix to set.
  await expect(card).toContainText('behind another prefix');
  await expect(card).toContainText('versioning.paths');

  repo.commit('chore: release the angular package on its own', {
    '.release-desk.yml': 'versioning:\n  tagPrefix: angular-v\n  paths: [packages/angular]\n',
  });
  await page.reload();
  await expect(card).toContainText('9.3.1');
  await expect(card).not.toContainText('behind another prefix');
  const commits = page.getByRole('region', { name: /Commits since/ });
  await expect(commits).toContainText('keep the scope');
  await expect(commits).not.toContainText('render functions');

  await page.getByRole('button', { name: 'Create release' }).click();
  const dialog = page.getByRole('dialog', { name: /Create release/ });
  await expect(dialog).toContainText('angular-v9.3.1');
  await expect(dialog).toContainText('packages/angular/package.json');
  await expect(dialog).toContainText('packages/angular/CHANGELOG.md');
  await page.screenshot({ path: 'test-results/release-package.png', fullPage: true });
  await dialog.getByRole('button', { name: 'Confirm release' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Released angular-v9.3.1 at' })).toBeVisible();

  expect(repo.git('tag', '--points-at', 'HEAD')).toBe('angular-v9.3.1');
  const manifest = (name: string) =>
    JSON.parse(readFileSync(path.join(repo.dir, 'packages', name, 'package.json'), 'utf8'));
  expect(manifest('angular').version).toBe('9.3.1');
  expect(manifest('writer').version).toBe('8.1.0');
  expect(readFileSync(path.join(repo.dir, 'packages/angular/CHANGELOG.md'), 'utf8')).toContain(
    'keep the scope',
  );
});
