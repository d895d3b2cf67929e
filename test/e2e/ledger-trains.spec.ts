import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TestRepo, tempDir } from '../support/git-fixture.js';
import { expect, startServer, test } from './support/fixtures.js';

const CLI = path.resolve('dist/cli/release-desk.cjs');

/** The built CLI, as a teammate's terminal or pipeline runs it. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RELEASE_DESK_COMPILE_CACHE: '0', ...env },
  });
}

async function openTrains(page: Page, url: string, dir: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trains' }).click();
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

test("a train Alice cut in her clone is on Bob's board after his app syncs, saying what his clone still lacks", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const root = tempDir('release-desk-e2e-trains-');
  const children: ChildProcess[] = [];
  try {
    const origin = path.join(root, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    mkdirSync(path.join(root, 'seed'));
    const seed = new TestRepo(path.join(root, 'seed'));
    seed.commit('feat: first feature', { '.release-desk.yml': 'trains:\n  goNoGo: { approvals: 1 }\n' });
    seed.tag('v1.0.0');
    seed.git('push', '-q', origin, 'main', '--tags');
    const clone = (name: string) => {
      const dir = path.join(root, name.toLowerCase());
      execFileSync('git', ['clone', '-q', origin, dir]);
      git(dir, 'config', 'user.name', name);
      git(dir, 'config', 'user.email', `${name.toLowerCase()}@example.com`);
      return dir;
    };
    const alice = new TestRepo(clone('Alice'), false);
    const bob = clone('Bob');

    // Alice cuts the train from her terminal and shares the ledger; her commit and branch stay hers.
    alice.commit('feat: second feature');
    const cutAt = alice.head();
    const aliceData = path.join(root, 'data-alice');
    cli(['train', 'cut', '--repo', alice.dir, '--data-dir', aliceData]);
    cli(['sync', '--repo', alice.dir, '--data-dir', aliceData]);

    const { url, child } = await startServer(path.join(root, 'data-bob'), {
      GIT_COMMITTER_NAME: 'Bob',
      GIT_COMMITTER_EMAIL: 'bob@example.com',
    });
    children.push(child);
    await openTrains(page, url, bob);
    const board = page.getByRole('region', { name: 'Train 1.1.0' });
    await expect(board).toContainText('release/1.1');
    const blocking = board.getByRole('region', { name: 'Blocking' });
    await expect(blocking).toContainText(
      `the cut commit ${cutAt.slice(0, 7)} is not in this clone (git fetch origin)`,
    );
    await expect(blocking).toContainText(
      'branch release/1.1 is not in this clone (git fetch origin release/1.1:release/1.1)',
    );
    await page.screenshot({ path: 'test-results/ledger-trains-unfetched.png', fullPage: true });

    // Alice pushes; Bob fetches as the board says, and the train's commits show.
    alice.git('push', '-q', 'origin', 'main', 'release/1.1');
    git(bob, 'pull', '-q', '--ff-only', 'origin', 'main');
    git(bob, 'fetch', '-q', 'origin', 'release/1.1:release/1.1');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(board.getByRole('region', { name: 'On board' })).toContainText('second feature');
    await expect(blocking).not.toContainText('is not in this clone');
    await expect(blocking).toContainText('train is not frozen');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});

test('a truncated state database: the app says it was replaced, once, and the train is back from the ledger', async ({
  page,
  browser,
  repo,
}) => {
  repo.commit('feat: first feature');
  repo.tag('v1.0.0');
  repo.commit('feat: search box');
  const dataDir = tempDir('release-desk-e2e-data-');
  let child: ChildProcess | null = null;
  try {
    cli(['train', 'cut', '--repo', repo.dir, '--data-dir', dataDir]);
    truncateSync(path.join(dataDir, 'release-desk.sqlite'), 0);
    const server = await startServer(dataDir);
    child = server.child;
    await openTrains(page, server.url, repo.dir);
    const notice = page.getByRole('status').filter({ hasText: 'was empty (0 bytes)' });
    await expect(notice).toContainText(
      "so it was replaced by a new state database: promotions, approvals, trains and hotfixes are rebuilt from each repository's ledger",
    );
    const board = page.getByRole('region', { name: 'Train 1.1.0' });
    await expect(board.getByRole('region', { name: 'On board' })).toContainText('search box');
    await page.screenshot({ path: 'test-results/ledger-truncated.png', fullPage: true });
    // Said once: another window opening the repository is not told again.
    const again = await (await browser.newContext()).newPage();
    await openTrains(again, server.url, repo.dir);
    await expect(again.getByRole('region', { name: 'Train 1.1.0' })).toBeVisible();
    await expect(again.getByRole('status').filter({ hasText: 'was empty (0 bytes)' })).toHaveCount(0);
  } finally {
    child?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
