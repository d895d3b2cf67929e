import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');

test('a shipped train reads as shipped, with the go that shipped it, and Missed stops at the ship', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('chore: policy', { '.release-desk.yml': 'trains:\n  goNoGo: { approvals: 1 }\n' });
  repo.commit('feat: first feature');
  repo.tag('v2.0.0');
  repo.commit('feat: search box');
  const train = (...args: string[]) =>
    execFileSync(process.execPath, [CLI, 'train', ...args, '--data-dir', desk.dataDir], { cwd: repo.dir });
  train('cut');
  train('freeze');
  train('go', '--comment', 'ready');
  train('ship');
  // Main moves on after the ship (the fixture dates commits in January, so date this one now).
  repo.write('next.txt', 'next\n');
  repo.git('add', '-A');
  const now = `${Math.floor(Date.now() / 1000) + 60} +0000`;
  repo.gitWithEnv(
    { GIT_COMMITTER_DATE: now, GIT_AUTHOR_DATE: now },
    'commit',
    '-q',
    '-m',
    'feat: for the next train',
  );

  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trains' }).click();
  const board = page.getByRole('region', { name: 'Train 2.1.0' });
  await expect(board).toContainText(/shipped as v2\.1\.0 on \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(board).not.toContainText('ships as');
  await expect(
    board.getByRole('heading', { name: 'Go / No-Go at the ship: 1 of 1 approvals' }),
  ).toBeVisible();
  await expect(board).not.toContainText('lapsed');
  await expect(board.getByRole('region', { name: 'Missed' })).not.toContainText('for the next train');
  await expect(board.getByRole('region', { name: 'Missed' })).toContainText('before the ship');
  const timeline = page.getByRole('list', { name: 'Past and next trains' });
  await expect(timeline).toContainText(/shipped as v2\.1\.0 on \d{4}-\d{2}-\d{2}/);
});
