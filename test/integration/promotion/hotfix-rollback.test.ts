import { afterEach, describe, expect, it } from 'vitest';
import { approve, tick } from '../../../src-main/core/promotion/approvals.js';
import { promotionBoard } from '../../../src-main/core/promotion/board.js';
import { releaseEvidence } from '../../../src-main/core/promotion/evidence.js';
import { rollback } from '../../../src-main/core/promotion/rollback.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { verifyAuditTrail } from '../../../src-main/core/promotion/verify-records.js';
import { HOUR, POLICY, promotionSetup } from './promotion-fixture.js';

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

async function throughStaging(version: string) {
  const { core, repo } = setup;
  await promote(core, repo.dir, version, 'staging');
  await tick(core, repo.dir, version, 'staging', 'Database migration reviewed');
  return promote(core, repo.dir, version, 'staging');
}

async function approvedInProduction(version: string) {
  const { core, repo } = setup;
  await promote(core, repo.dir, version, 'production');
  await approve(setup.as('alice@example.com'), repo.dir, version, 'production');
  await approve(setup.as('bob@example.com'), repo.dir, version, 'production');
  return promote(core, repo.dir, version, 'production');
}

/** v1.0.0 live in production, then the hotfix v1.0.1 (tag marked as the hotfix path). */
async function hotfixAfterRelease() {
  await throughStaging('1.0.0');
  setup.advance(25 * HOUR);
  expect((await approvedInProduction('1.0.0')).promotion?.state).toBe('succeeded');
  setup.repo.commit('fix: urgent fix');
  setup.repo.git('tag', '-a', 'v1.0.1', '-m', 'v1.0.1\n\nRelease-Desk-Path: hotfix');
}

describe('the hotfix path', () => {
  it('skips the soak but never the approvals, and still goes through staging first', async () => {
    setup = promotionSetup();
    await hotfixAfterRelease();
    const { core, repo } = setup;
    await expect(promote(core, repo.dir, '1.0.1', 'production')).rejects.toThrow(
      /has not succeeded in staging yet/,
    );
    expect((await throughStaging('1.0.1')).promotion).toMatchObject({ state: 'succeeded', fastTrack: true });

    let detail = await promote(core, repo.dir, '1.0.1', 'production');
    expect(detail.promotion?.fastTrack).toBe(true);
    expect(detail.gates.map((g) => [g.kind, g.state])).toEqual([
      ['approval', 'waiting'],
      ['soak', 'skipped'],
      ['window', 'passed'],
    ]);
    expect(detail.gates[1]?.detail).toBe('skipped on the hotfix path (hotfix.skip: soak)');
    detail = await approvedInProduction('1.0.1');
    expect(detail.promotion?.state).toBe('succeeded');

    const evidence = await releaseEvidence(core, repo.dir, '1.0.1');
    expect(evidence).toMatchObject({ fastTrack: true, commits: [{ subject: 'fix: urgent fix' }] });
    expect(evidence.changelog).toContain('urgent fix');
    expect(evidence.changelog).not.toContain('first feature');
  });

  it('does not skip the soak for an ordinary release', async () => {
    setup = promotionSetup();
    await hotfixAfterRelease();
    setup.repo.git('tag', '-a', 'v1.0.2', '-m', 'v1.0.2');
    await throughStaging('1.0.2');
    const detail = await approvedInProduction('1.0.2');
    expect(detail.promotion).toMatchObject({ state: 'pending', fastTrack: false });
    expect(detail.gates[1]).toMatchObject({ kind: 'soak', state: 'waiting' });
  });
});

describe('rollback', () => {
  it("promotes the environment's previous release again, reusing its approvals, and marks the replaced one rolled back", async () => {
    // Approvals are re-checked on a rollback only where the policy says so.
    setup = promotionSetup(`${POLICY}    rollback:\n      recheck: [approval, soak, window]\n`);
    await hotfixAfterRelease();
    await throughStaging('1.0.1');
    await approvedInProduction('1.0.1');
    const { core, repo } = setup;
    // Long after: v1.0.0's approvals would have lapsed, but a rollback reuses those given to that commit.
    setup.advance(9 * 24 * HOUR);

    const detail = await rollback(core, repo.dir, 'production');
    expect(detail.promotion).toMatchObject({
      id: 'v1.0.0@production#2',
      state: 'succeeded',
      rollback: true,
      replaces: 'v1.0.1@production#1',
    });
    expect(detail.gates[0]).toMatchObject({ kind: 'approval', state: 'passed' });
    expect(detail.gates[0]?.approvals?.every((a) => a.counts && a.note?.includes('earlier promotion'))).toBe(
      true,
    );

    const board = await promotionBoard(core, repo.dir);
    expect(board.environments.find((e) => e.name === 'production')?.current).toMatchObject({
      version: '1.0.0',
    });
    expect(board.releases.find((r) => r.version === '1.0.1')?.environments).toEqual([
      { name: 'staging', state: 'succeeded' },
      { name: 'production', state: 'rolled-back' },
    ]);
    const rolledBack = core.audit.list().find((e) => e.action === 'promotion.rolled-back');
    expect(rolledBack?.details).toMatchObject({
      promotion: 'v1.0.1@production#1',
      replacedBy: 'v1.0.0@production#2',
    });
    expect(verifyAuditTrail(core)).toMatchObject({ ok: true });
  });

  it('re-checks the other gates: a rollback inside the freeze window waits for it', async () => {
    setup = promotionSetup();
    await hotfixAfterRelease();
    await throughStaging('1.0.1');
    await approvedInProduction('1.0.1');
    // Saturday noon in Berlin.
    setup.clock.now = new Date('2026-03-07T11:00:00Z');
    const detail = await rollback(setup.core, setup.repo.dir, 'production');
    expect(detail.promotion).toMatchObject({ state: 'pending', rollback: true });
    expect(detail.gates[2]).toMatchObject({ kind: 'window', state: 'waiting' });
  });

  it('refuses when there is nothing to roll back to', async () => {
    setup = promotionSetup();
    await expect(rollback(setup.core, setup.repo.dir, 'production')).rejects.toThrow(
      /Nothing has been promoted to production/,
    );
    await throughStaging('1.0.0');
    await expect(rollback(setup.core, setup.repo.dir, 'staging')).rejects.toThrow(
      /only release that succeeded in staging/,
    );
  });
});
