import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { appendToLedger } from '../../src-main/core/ledger/append.js';
import { LedgerOutbox } from '../../src-main/core/ledger/outbox.js';
import { SharedAuditLog } from '../../src-main/core/ledger/shared-audit-log.js';
import { openDatabase } from '../../src-main/core/store/database.js';
import { expect, test } from './support/fixtures.js';
import type { DeskServer } from './support/fixtures.js';

const ADA = 'Ada <ada@example.com>';
const BOB = 'Bob <bob@example.com>';

const DAY_AGO = Date.now() - 86_400_000;

/**
 * 150 events written by the app's own audit log into the server's data dir and appended to the
 * repository's shared ledger, a second apart: releases by Ada, promotions to staging by Ada and
 * production window overrides by Bob, one release line per ten events.
 */
async function seed(desk: DeskServer, root: string) {
  await record(desk, root, (audit) => {
    for (let i = 1; i <= 150; i += 1) {
      const version = `1.${Math.floor(i / 10)}.0`;
      const kind = i % 3;
      if (kind === 0) {
        audit.append({
          actor: ADA,
          action: 'release.created',
          repo: root,
          subject: `v${version}`,
          details: { version, tag: `v${version}` },
        });
      } else {
        const environment = kind === 1 ? 'staging' : 'production';
        const promotion = `v${version}@${environment}#1`;
        audit.append({
          actor: kind === 1 ? ADA : BOB,
          action: kind === 1 ? 'promotion.started' : 'window.overridden',
          repo: root,
          subject: promotion,
          details: { promotion, environment, version, comment: kind === 2 ? `release night ${i}` : null },
        });
      }
    }
  });
}

/** Events recorded by the app's own audit log in the server's data dir, a second apart, then appended to the ledger. */
async function record(desk: DeskServer, root: string, write: (audit: SharedAuditLog) => void) {
  const db = openDatabase(desk.dataDir);
  let clock = DAY_AGO;
  const outbox = new LedgerOutbox(db, {});
  try {
    write(new SharedAuditLog(db, () => new Date((clock += 1000)), outbox));
    expect(await outbox.flush(root)).toEqual([]);
    await outbox.settle();
  } finally {
    db.close();
  }
}

/** Edits one event's details behind the app's back, as an attacker with the file would. */
function damage(desk: DeskServer, seq: number) {
  const db = openDatabase(desk.dataDir);
  try {
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare('UPDATE audit_events SET details = ? WHERE seq = ?').run(
      '{"comment":"approved by nobody"}',
      seq,
    );
  } finally {
    db.close();
  }
}

async function openAudit(page: Page, desk: DeskServer, dir: string) {
  await page.goto(desk.url);
  await page.getByLabel('Repository path').fill(dir);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Current repository' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit' }).click();
}

test('filter, search, page, expand and export the audit log', async ({ page, desk, repo }) => {
  repo.commit('feat: first feature');
  const root = repo.git('rev-parse', '--show-toplevel');
  await seed(desk, root);
  await openAudit(page, desk, repo.dir);

  const rows = page.getByRole('table').getByRole('row');
  // The opening is left out by default: 150 seeded events, one page of 100 at a time.
  await expect(page.getByText('Events 1–100 of 150')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'repository.opened' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Older' }).click();
  await expect(page.getByText('Events 101–150 of 150')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Details of event 1', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Show repository opens' }).check();
  await expect(page.getByText('Events 1–100 of 151')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'repository.opened' })).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Show repository opens' }).uncheck();

  const filters = page.getByRole('form', { name: 'Filter audit events' });
  await filters.getByLabel('Person').selectOption(BOB);
  await expect(page.getByText('Events 1–50 of 50')).toBeVisible();
  await filters.getByLabel('Release').fill('v1.7.0');
  // v1.7.0 is events 70–79; Bob overrode windows at 71, 74 and 77.
  await expect(page.getByText('Events 1–3 of 3')).toBeVisible();
  await expect(rows.filter({ hasText: 'window.overridden' })).toHaveCount(3);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await filters.getByLabel('Environment').selectOption('staging');
  await filters.getByLabel('Search').fill('v1.7.0');
  await expect(page.getByText('Events 1–4 of 4')).toBeVisible();
  await expect(rows.filter({ hasText: 'window.overridden' })).toHaveCount(0);

  const details = page.getByRole('button', { name: 'Details of event 79', exact: true });
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const recorded = page.locator('#audit-details-79');
  await expect(recorded).toContainText('environment');
  await expect(recorded).toContainText('v1.7.0@staging#1');
  await expect(recorded).toContainText(root);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe(
    'seq,at,actor,action,repo,subject,details,prevHash,hash,source,commit,signature,signer,imported',
  );
  expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['79', '76', '73', '70']);

  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const events = JSON.parse(readFileSync(await (await json).path(), 'utf8')) as { seq: number }[];
  expect(events.map((event) => event.seq)).toEqual([79, 76, 73, 70]);
});

test('a broken chain shows the broken event, marked and scrolled to', async ({ page, desk, repo }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  repo.commit('feat: first feature');
  await seed(desk, repo.git('rev-parse', '--show-toplevel'));
  await openAudit(page, desk, repo.dir);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chain verified: 151 events' })).toBeVisible();

  // Narrowed to Ada: event 14 (Bob's override) is not on screen, and on the second page anyway.
  await page.getByRole('form', { name: 'Filter audit events' }).getByLabel('Person').selectOption(ADA);
  damage(desk, 14);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Chain broken at event 14' })).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: 'Chain broken here' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('button', { name: 'Details of event 14', exact: true })).toBeFocused();
  await expect(row).toBeInViewport();
  await expect(page.locator('#audit-details-14')).toContainText('approved by nobody');
  await expect(page.getByRole('form', { name: 'Filter audit events' }).getByLabel('Person')).toHaveValue('');

  // The table fits the 1024 px window: nothing scrolls sideways.
  const overflow = await page.locator('main').evaluate((main) => main.scrollWidth - main.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
});

test("the ledger's events from another clone are listed and filtered; verify marks a forged decision", async ({
  page,
  desk,
  repo,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  // A committed allowed-signers list: decisions must be signed by an allowed key to count.
  repo.commit('feat: first feature', {
    '.release-desk/allowed_signers': 'bob@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly\n',
  });
  const root = repo.git('rev-parse', '--show-toplevel');
  // 30 releases by Ada, recorded here (no decisions among them).
  await record(desk, root, (audit) => {
    for (let i = 1; i <= 30; i += 1) {
      const details = { version: `1.${i}.0`, tag: `v1.${i}.0` };
      audit.append({ actor: ADA, action: 'release.created', repo: root, subject: `v1.${i}.0`, details });
    }
  });
  // Bob's events as a sync brings them from his clone: in the ledger, never in this machine's log.
  const at = (minutes: number) => new Date(DAY_AGO + 3_600_000 + minutes * 60_000).toISOString();
  const bobs = (action: string, subject: string, details: Record<string, unknown>, minutes: number) => ({
    event: {
      v: 1 as const,
      at: at(minutes),
      actor: BOB,
      action,
      subject,
      details,
      local: null,
      imported: false,
    },
    sign: false,
  });
  await appendToLedger(root, [
    bobs('promotion.started', 'v9.0.0@qa#1', { environment: 'qa', version: '9.0.0' }, 1),
    bobs('approval.given', 'v9.0.0@qa#1', { environment: 'qa', version: '9.0.0', comment: 'lgtm' }, 2),
  ]);
  await openAudit(page, desk, repo.dir);

  const filters = page.getByRole('form', { name: 'Filter audit events' });
  await expect(filters.getByLabel('Log')).toHaveValue('repository');
  await expect(page.getByText('Events 1–32 of 32')).toBeVisible();
  await filters.getByLabel('Environment').selectOption('qa');
  await expect(page.getByText('Events 1–2 of 2')).toBeVisible();
  const approval = page.getByRole('row').filter({ hasText: 'approval.given' });
  await expect(approval).toContainText(BOB);
  await expect(approval.getByRole('img', { name: 'Not signed' })).toBeVisible();
  await approval.getByRole('button', { name: 'Details of event 32', exact: true }).click();
  await expect(page.locator('#audit-details-32')).toContainText('not signed');
  await expect(page.locator('#audit-details-32')).toContainText('Ledger commit');

  // This machine's own log holds only what it recorded: Bob's events are not in it.
  await filters.getByLabel('Log').selectOption('machine');
  await expect(page.getByText('No events match these filters.')).toBeVisible();
  await filters.getByLabel('Log').selectOption('repository');
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await filters.getByLabel('Person').selectOption(ADA);
  await expect(page.getByText('Events 1–30 of 30')).toBeVisible();

  await page.getByRole('button', { name: 'Verify chain' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Shared ledger: 1 problem(s)' });
  await expect(status).toBeVisible();
  await expect(status).toContainText('Local chain verified: 31 events');
  await expect(status).toContainText(/decision [0-9a-f]{12} \(approval\.given v9\.0\.0@qa#1 by Bob/);
  const marked = page.getByRole('row').filter({ hasText: 'Problem found here' });
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText('approval.given');
  await expect(marked.getByRole('button', { name: 'Details of event 32', exact: true })).toBeFocused();
  await expect(marked).toBeInViewport();
  await expect(filters.getByLabel('Person')).toHaveValue('');
  await page.screenshot({ path: '/tmp/audit-ledger-1024-light.png', fullPage: false });
});
