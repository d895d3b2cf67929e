import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

test('finishing a hotfix pushed to origin shows git’s push progress in the dialog', async ({
  page,
  desk,
  repo,
}) => {
  const remote = tempDir('release-desk-remote-');
  try {
    execFileSync('git', ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('feat: parser', { 'parser.txt': 'parse\n' });
    repo.tag('v1.0.0');
    repo.commit('fix: null pointer in parser', { 'parser.txt': 'parse safely\n'.repeat(400) });
    repo.git('push', '-q', 'origin', 'main', 'v1.0.0');
    // The remote takes its time after receiving the pack, so the last progress stays on screen.
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nsleep 3\nexit 0\n');
    chmodSync(hook, 0o755);

    await page.goto(desk.url);
    await page.getByLabel('Repository path').fill(repo.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Hotfixes' })
      .click();
    await page.getByRole('radio', { name: 'v1.0.0', exact: true }).check();
    await page.getByRole('button', { name: 'Start hotfix from v1.0.0' }).click();
    await page
      .getByRole('dialog', { name: 'Start a hotfix from v1.0.0' })
      .getByRole('button', { name: 'Start hotfix' })
      .click();
    await page.getByRole('checkbox', { name: 'null pointer in parser' }).check();
    await page.getByRole('button', { name: 'Pick 1 fix' }).click();
    await page
      .getByRole('dialog', { name: 'Pick fixes onto hotfix/1.0.1' })
      .getByRole('button', { name: 'Pick fix' })
      .click();
    await page.getByRole('button', { name: 'Next: Review' }).click();
    const review = page.getByRole('region', { name: '3. Review' });
    await review.getByRole('checkbox', { name: 'Push to origin' }).check();
    await review.getByRole('button', { name: 'Finish hotfix 1.0.1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finish hotfix 1.0.1' });
    await dialog.getByRole('button', { name: 'Finish', exact: true }).click();

    await expect(dialog.getByText(/^Pushing… \d+% \(/)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Released v1.0.1' })).toBeVisible({
      timeout: 20_000,
    });
    expect(execFileSync('git', ['ls-remote', remote], { encoding: 'utf8' })).toContain('refs/tags/v1.0.1');
  } finally {
    rmSync(remote, { recursive: true, force: true });
  }
});
