import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/git-fixture.js';
import { expect, test } from './support/fixtures.js';

test('create a release pushed to origin and watch git’s push progress in the dialog', async ({
  page,
  desk,
  repo,
}) => {
  const remote = tempDir('release-desk-remote-');
  try {
    execFileSync('git', ['init', '-q', '--bare', remote]);
    // The remote takes its time after receiving the pack, so the last progress stays on screen.
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\nsleep 3\nexit 0\n');
    chmodSync(hook, 0o755);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('chore: start the project', { 'package.json': '{\n  "version": "1.0.0"\n}\n' });
    repo.tag('v1.0.0');
    for (let i = 0; i < 5; i++)
      repo.commit(`feat: feature ${i}`, { [`src/f${i}.txt`]: `${i}\n`.repeat(200) });

    await page.goto(desk.url);
    await page.getByLabel('Repository path').fill(repo.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Next version' })).toContainText('1.1.0');

    await page.getByRole('button', { name: 'Create release' }).click();
    const dialog = page.getByRole('dialog', { name: /Create release/ });
    await dialog.getByRole('checkbox', { name: 'Push to origin' }).check();
    await expect(dialog).toContainText('to origin: the commit and the tag');
    await dialog.getByRole('button', { name: 'Confirm release' }).click();

    await expect(dialog.getByText(/^Pushing… \d+% \(/)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('pushing.png') });
    await expect(page.getByRole('status').filter({ hasText: 'Released v1.1.0 at' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(dialog).toBeHidden();
    const refs = execFileSync('git', ['ls-remote', remote], { encoding: 'utf8' });
    expect(refs).toContain('refs/tags/v1.1.0');
    expect(refs).toContain(`${repo.head()}\trefs/heads/main`);
  } finally {
    rmSync(remote, { recursive: true, force: true });
  }
});
