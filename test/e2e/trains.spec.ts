import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

async function openTrains(page: Page, url: string, dir: string) {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trains' }).click();
}

test('cut a train, then pick a fix that missed it from the board', async ({ page, desk, repo }) => {
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  repo.commit('feat: search box');
  const cutAt = repo.commit('fix: crash on empty input');

  await openTrains(page, desk.url, repo.dir);
  const actions = page.getByRole('toolbar', { name: 'Train actions' });
  await actions.getByRole('button', { name: 'Cut', exact: true }).click();
  const cutDialog = page.getByRole('dialog', { name: 'Cut a train' });
  await expect(cutDialog).toContainText(`Create branch release/1.1 at ${cutAt.slice(0, 7)}`);
  await cutDialog.getByRole('button', { name: 'Cut train' }).click();
  await expect(cutDialog).toBeHidden();

  await expect(page.getByRole('status').filter({ hasText: 'Cut train 1.1.0' })).toBeVisible();
  const board = page.getByRole('region', { name: 'Train 1.1.0' });
  await expect(board).toContainText('release/1.1');
  await expect(board.getByRole('region', { name: 'On board' })).toContainText('search box');
  expect(repo.git('rev-parse', 'release/1.1')).toBe(cutAt);

  const fix = repo.commit('fix: handle a missing config file', { 'config.txt': 'defaults\n' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const missed = board.getByRole('region', { name: 'Missed' });
  await expect(missed).toContainText('handle a missing config file');

  await missed.getByRole('button', { name: 'Pick handle a missing config file' }).click();
  const pickDialog = page.getByRole('dialog', { name: `Pick ${fix.slice(0, 7)} onto release/1.1` });
  await expect(pickDialog).toContainText('Cherry-pick 1 commit onto release/1.1 with -x');
  await pickDialog.getByRole('button', { name: 'Pick commit' }).click();
  await expect(pickDialog).toBeHidden();

  await expect(
    page.getByRole('status').filter({ hasText: 'Picked 1 commit onto release/1.1' }),
  ).toBeVisible();
  await expect(board.getByRole('region', { name: 'Picked' })).toContainText('handle a missing config file');
  await expect(missed).not.toContainText('handle a missing config file');

  const tip = repo.git('log', 'release/1.1', '-n', '1', '--format=%s%n%b');
  expect(tip).toContain('fix: handle a missing config file');
  expect(tip).toContain(`(cherry picked from commit ${fix})`);
  expect(repo.git('rev-parse', 'release/1.1~1')).toBe(cutAt);
  expect(repo.git('branch', '--show-current')).toBe('main');
});
