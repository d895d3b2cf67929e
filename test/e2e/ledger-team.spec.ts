import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TestRepo, tempDir } from '../support/git-fixture.js';
import { expect, startServer, test } from './support/fixtures.js';

const POLICY = `environments:
  - name: production
    gates:
      - approval: { required: 2, approvers: [alice@example.com, bob@example.com], allowSelf: true }
`;

interface Member {
  name: string;
  email: string;
  clone: string;
  url: string;
}

function sshKey(dir: string, name: string): { key: string; pub: string } {
  const key = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return { key, pub: readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ') };
}

/**
 * A bare origin holding a policy, the team's allowed signers and release v1.0.0 (tagged by
 * Dave), and one clone, data dir, SSH signing key and browser-mode server per member.
 */
async function team(root: string, children: ChildProcess[]): Promise<{ alice: Member; bob: Member }> {
  const keys = path.join(root, 'keys');
  mkdirSync(keys);
  const aliceKey = sshKey(keys, 'alice');
  const bobKey = sshKey(keys, 'bob');
  const origin = path.join(root, 'origin.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  mkdirSync(path.join(root, 'seed'));
  const seed = new TestRepo(path.join(root, 'seed'));
  seed.commit('feat: first feature', {
    '.release-desk.yml': POLICY,
    '.release-desk/allowed_signers': `alice@example.com ${aliceKey.pub}\nbob@example.com ${bobKey.pub}\n`,
  });
  seed.gitWithEnv(
    { GIT_COMMITTER_NAME: 'Dave', GIT_COMMITTER_EMAIL: 'dave@example.com' },
    'tag',
    '-a',
    'v1.0.0',
    '-m',
    'v1.0.0',
  );
  seed.git('push', '-q', origin, 'main', '--tags');

  const join = async (name: string, key: string): Promise<Member> => {
    const email = `${name.toLowerCase()}@example.com`;
    const clone = path.join(root, name.toLowerCase());
    execFileSync('git', ['clone', '-q', origin, clone]);
    for (const [k, v] of [
      ['user.name', name],
      ['user.email', email],
      ['gpg.format', 'ssh'],
      ['user.signingkey', key],
    ] as const) {
      execFileSync('git', ['config', k, v], { cwd: clone });
    }
    const dataDir = path.join(root, `data-${name.toLowerCase()}`);
    mkdirSync(dataDir);
    const identity = {
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
    };
    const { url, child } = await startServer(dataDir, identity);
    children.push(child);
    return { name, email, clone, url };
  };
  return { alice: await join('Alice', aliceKey.key), bob: await join('Bob', bobKey.key) };
}

async function openPromotions(page: Page, member: Member): Promise<void> {
  await page.goto(member.url);
  await page.getByLabel('Repository path').fill(member.clone);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Promotions' })
    .click();
  await expect(page.getByRole('heading', { name: 'Promotions' })).toBeVisible();
}

const syncStatus = (page: Page) => page.getByRole('status', { name: 'Ledger sync status' });

test('two people on two servers approve the same promotion through a shared bare remote', async ({
  browser,
}) => {
  // Two servers, two browsers, git signing and pushes: more than one screen's worth of work.
  test.setTimeout(180_000);
  const root = tempDir('release-desk-e2e-team-');
  const children: ChildProcess[] = [];
  try {
    const { alice, bob } = await team(root, children);
    const alicePage = await (await browser.newContext()).newPage();
    const bobPage = await (await browser.newContext()).newPage();

    // Alice starts the production promotion and approves it; the app shares it by itself.
    await openPromotions(alicePage, alice);
    await expect(syncStatus(alicePage)).toHaveText('In sync');
    await alicePage
      .getByLabel('Release', { exact: true })
      .selectOption({ label: 'v1.0.0 — not promoted yet' });
    await expect(alicePage.getByLabel('to', { exact: true })).toHaveValue('production');
    await alicePage.getByRole('button', { name: 'Open promotion' }).click();
    await alicePage.getByRole('button', { name: 'Promote to production' }).click();
    const aliceGate = alicePage.getByRole('article', { name: /Approval/ });
    await expect(aliceGate).toContainText('0 of 2 approvals');
    await alicePage.getByLabel('Comment').fill('looks good');
    await alicePage.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(alicePage.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
    await expect(aliceGate.getByRole('img', { name: 'Signed by alice@example.com' })).toBeVisible();
    await expect(syncStatus(alicePage)).toHaveText('In sync');

    // Bob's server has never seen this promotion: opening his clone syncs, and it waits for him.
    await openPromotions(bobPage, bob);
    await expect(syncStatus(bobPage)).toHaveText('In sync');
    await bobPage.getByRole('button', { name: /1 waiting for you/ }).click();
    await bobPage.getByRole('button', { name: /1\.0\.0 → production: approve/ }).click();
    await expect(bobPage.getByRole('heading', { name: 'v1.0.0 → production' })).toBeVisible();
    const bobGate = bobPage.getByRole('article', { name: /Approval/ });
    await expect(bobGate).toContainText('1 of 2 approvals');
    await expect(bobGate.getByRole('img', { name: 'Signed by alice@example.com' })).toBeVisible();
    await bobPage.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(bobPage.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
    await expect(bobGate).toContainText('2 of 2 approvals (alice@example.com, bob@example.com)');
    await expect(bobGate.getByRole('img', { name: 'Signed by bob@example.com' })).toBeVisible();
    await expect(syncStatus(bobPage)).toHaveText('In sync');

    // Bob's approval finished the promotion; its deploy events reach origin by his background sync.
    const ledgerHead = (dir: string) =>
      execFileSync('git', ['rev-parse', 'refs/release-desk/ledger'], { cwd: dir, encoding: 'utf8' }).trim();
    await expect
      .poll(() => ledgerHead(path.join(root, 'origin.git')) === ledgerHead(bob.clone), { timeout: 20_000 })
      .toBe(true);
    // Alice syncs: Bob's approval arrives, and the promotion goes through from her side.
    await alicePage.getByRole('button', { name: 'Sync', exact: true }).click();
    await expect(aliceGate).toContainText('2 of 2 approvals (alice@example.com, bob@example.com)');
    await alicePage.screenshot({ path: 'test-results/ledger-team.png', fullPage: true });
    // Bob's approval was the last gate: the promotion finished itself, and Alice's clone knows it.
    await expect(alicePage.getByRole('button', { name: 'Promote to production' })).toBeDisabled();
    await expect(alicePage.getByText('Succeeded').first()).toBeVisible();
    await expect(syncStatus(alicePage)).toHaveText('In sync');
    // Both ledgers, and origin's, end on the same head.
    const head = (dir: string) =>
      execFileSync('git', ['rev-parse', 'refs/release-desk/ledger'], { cwd: dir, encoding: 'utf8' }).trim();
    // The background sync after the promotion ends pushes its events: origin ends on Alice's head.
    const apart = () => {
      const [theirs, ours] = [head(path.join(root, 'origin.git')), head(alice.clone)];
      return theirs === ours ? null : `origin ${theirs}, Alice ${ours}`;
    };
    await expect.poll(apart, { timeout: 20_000 }).toBeNull();
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
});

test('a repository without a remote works locally and says so; missing signing is explained with the commands', async ({
  page,
  desk,
  repo,
}) => {
  repo.commit('feat: first feature', {
    '.release-desk.yml': POLICY,
    '.release-desk/allowed_signers': 'alice@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBob\n',
  });
  repo.tag('v1.0.0');
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(repo.dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  // Opening the repository stays in this machine's log: nothing waits to be shared.
  await expect(syncStatus(page)).toHaveText('Offline');
  const header = page.getByRole('region', { name: 'Current repository' });
  await expect(header).toContainText(
    'This repository has no remote: the ledger is kept here and not yet shared.',
  );
  await expect(page.getByRole('button', { name: 'Sync', exact: true })).toBeDisabled();
  const setup = page.getByRole('note', { name: 'Signing is not set up' });
  await expect(setup).toContainText('git config gpg.format ssh');
  await expect(setup).toContainText('git config user.signingkey ~/.ssh/id_ed25519.pub');
  await page.screenshot({ path: 'test-results/ledger-offline.png' });
});
