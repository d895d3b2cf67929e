import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import { approve, overrideWindow, tick } from '../../../src-main/core/promotion/approvals.js';
import { promotionBoard } from '../../../src-main/core/promotion/board.js';
import { promotionDetail } from '../../../src-main/core/promotion/detail.js';
import { releaseEvidence, exportEvidence } from '../../../src-main/core/promotion/evidence.js';
import { releaseSituation } from '../../../src-main/core/promotion/situation.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { verifyAuditTrail } from '../../../src-main/core/promotion/verify-records.js';
import { HOUR, POLICY, promotionSetup } from './promotion-fixture.js';

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

const ITEM = 'Database migration reviewed';

/** v1.0.0 into staging: check passes, checklist ticked, promoted. */
async function throughStaging(version = '1.0.0') {
  const { core, repo } = setup;
  await promote(core, repo.dir, version, 'staging');
  await tick(core, repo.dir, version, 'staging', ITEM);
  return promote(core, repo.dir, version, 'staging');
}

describe('a release through staging to production', () => {
  it('runs the check in a clean worktree at the release commit, waits for the checklist, then succeeds', async () => {
    setup = promotionSetup();
    const { core, repo } = setup;
    const releaseSha = repo.head();
    // After the release, HEAD no longer has the file the check needs: only the release commit may be checked.
    repo.git('rm', '-q', 'feature.txt');
    repo.git('commit', '-q', '-m', 'chore: drop the feature file');
    const events: ProgressEvent[] = [];
    const streaming = { ...core, progress: (e: ProgressEvent) => events.push(e) };

    let detail = await promote(streaming, repo.dir, 'v1.0.0', 'staging');
    expect(detail.promotion).toMatchObject({
      id: 'v1.0.0@staging#1',
      state: 'pending',
      sha: releaseSha,
      requestedBy: 'Ada Tester <ada@example.com>',
    });
    expect(detail.gates.map((g) => [g.kind, g.state])).toEqual([
      ['check', 'passed'],
      ['checklist', 'waiting'],
    ]);
    expect(detail.gates[0]?.output).toContain('unit tests ran at 1.0.0');
    expect(
      events.some(
        (e) =>
          e.kind === 'check' && e.job === 'promotion:staging:1.0.0' && e.output?.includes('unit tests ran'),
      ),
    ).toBe(true);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);

    detail = await tick(core, repo.dir, '1.0.0', 'staging', ITEM, 'checked with the DBA');
    expect(detail.gates[1]).toMatchObject({
      state: 'passed',
      tick: { by: 'Ada Tester <ada@example.com>', note: 'checked with the DBA' },
    });
    await expect(tick(core, repo.dir, '1.0.0', 'staging', ITEM)).rejects.toThrow(/already ticked/);
    await expect(tick(core, repo.dir, '1.0.0', 'staging', 'Nope')).rejects.toThrow(
      /no checklist item "Nope"/,
    );

    detail = await promote(core, repo.dir, '1.0.0', 'staging');
    expect(detail.promotion?.state).toBe('succeeded');
    expect(detail.deploy).toBeNull();
    const board = await promotionBoard(core, repo.dir);
    expect(board.environments[0]?.current).toMatchObject({ version: '1.0.0', sha: releaseSha });
    expect(board.releases[0]).toMatchObject({ version: '1.0.0', next: 'production' });
  });

  it('fails a promotion whose check fails, keeping the output; a new attempt can be started', async () => {
    setup = promotionSetup();
    const { core, repo } = setup;
    repo.git('rm', '-q', 'feature.txt');
    repo.git('commit', '-q', '-m', 'fix: drop the feature file');
    repo.tag('v1.0.1');
    const detail = await promote(core, repo.dir, '1.0.1', 'staging');
    expect(detail.promotion).toMatchObject({
      state: 'failed',
      failure: expect.stringMatching(/^Unit tests: exit code 1/),
    });
    expect(detail.gates[0]).toMatchObject({
      kind: 'check',
      state: 'failed',
      run: { state: 'failed', exitCode: 1 },
    });
    expect(detail.gates[0]?.output).toContain('unit tests ran at 1.0.1');
    await expect(tick(core, repo.dir, '1.0.1', 'staging', ITEM)).rejects.toThrow(/is failed/);
    const again = await promote(core, repo.dir, '1.0.1', 'staging');
    expect(again.promotion).toMatchObject({ id: 'v1.0.1@staging#2', state: 'failed' });
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('needs the release to succeed in staging first, then two approvals, the soak and an open window', async () => {
    setup = promotionSetup();
    const { core, repo } = setup;
    await expect(promote(core, repo.dir, '1.0.0', 'production')).rejects.toThrow(
      /has not succeeded in staging yet/,
    );
    await throughStaging();

    let detail = await promote(core, repo.dir, '1.0.0', 'production');
    expect(detail.promotion?.state).toBe('pending');
    expect(detail.gates.map((g) => [g.kind, g.state, g.detail])).toEqual([
      [
        'approval',
        'waiting',
        '0 of 2 approvals — waiting on 2 more approvers (alice@example.com, bob@example.com, carol@example.com)',
      ],
      ['soak', 'waiting', 'soak ends in 1 d (1 d in staging)'],
      ['window', 'passed', 'outside every freeze window'],
    ]);

    detail = await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production', 'looks good');
    expect(detail.gates[0]?.detail).toBe(
      '1 of 2 approvals — waiting on 1 more approver (bob@example.com or carol@example.com)',
    );
    expect(detail.gates[0]?.approvals?.[0]).toMatchObject({
      approver: 'alice@example.com',
      decision: 'approved',
      comment: 'looks good',
      sha: detail.sha,
      counts: true,
    });
    const aliceView = promotionDetail(
      setup.as('alice@example.com'),
      await releaseSituation(setup.as('alice@example.com'), repo.dir, '1.0.0'),
      'production',
    );
    expect(aliceView.gates[0]?.canAct).toEqual({
      allowed: false,
      reason: 'alice@example.com has already approved this promotion.',
    });
    await expect(approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production')).rejects.toThrow(
      /already approved/,
    );

    setup.advance(5 * HOUR);
    detail = await approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production');
    expect(detail.gates[0]).toMatchObject({
      state: 'passed',
      detail: '2 of 2 approvals (alice@example.com, bob@example.com)',
    });
    expect(detail.gates[1]?.detail).toBe('soak ends in 19 h (1 d in staging)');

    detail = await promote(core, repo.dir, '1.0.0', 'production');
    expect(detail.promotion?.state).toBe('pending');

    setup.advance(20 * HOUR);
    detail = await promote(core, repo.dir, '1.0.0', 'production');
    expect(detail.promotion?.state).toBe('succeeded');
    expect(detail.gates.every((g) => g.state === 'passed')).toBe(true);
    expect(verifyAuditTrail(core)).toMatchObject({ ok: true });
  });

  it('refuses inside a deny window with the time it opens; an override needs a reason and is audited', async () => {
    setup = promotionSetup();
    const { core, repo } = setup;
    await throughStaging();
    // Friday 2026-03-06 17:00 in Berlin (CET, UTC+1): inside "Fri 16:00-Mon 08:00"; the soak is over.
    setup.clock.now = new Date('2026-03-06T16:00:00Z');
    await promote(core, repo.dir, '1.0.0', 'production');
    await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production');
    await approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production');
    let detail = await promote(core, repo.dir, '1.0.0', 'production');
    expect(detail.promotion?.state).toBe('pending');
    expect(detail.gates[2]).toMatchObject({
      kind: 'window',
      state: 'waiting',
      detail: 'freeze window "Fri 16:00-Mon 08:00" ends Mon 08:00',
      opensAt: '2026-03-09T07:00:00.000Z',
      canAct: { allowed: true },
    });
    await expect(overrideWindow(core, repo.dir, '1.0.0', 'production', '  ')).rejects.toThrow(
      /needs a reason/,
    );
    detail = await overrideWindow(core, repo.dir, '1.0.0', 'production', 'security fix must ship tonight');
    expect(detail.gates[2]).toMatchObject({
      state: 'passed',
      detail: 'overridden by Ada Tester <ada@example.com>: security fix must ship tonight',
    });
    detail = await promote(core, repo.dir, '1.0.0', 'production');
    expect(detail.promotion?.state).toBe('succeeded');
    const override = core.audit.list().find((e) => e.action === 'window.overridden');
    expect(override?.details).toMatchObject({
      reason: 'security fix must ship tonight',
      by: 'Ada Tester <ada@example.com>',
    });
  });

  it('records every step in an audit chain that verifies, and exports evidence with every gate', async () => {
    setup = promotionSetup();
    const { core, repo } = setup;
    await throughStaging();
    await promote(core, repo.dir, '1.0.0', 'production');
    await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production', 'ok from alice');
    await approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production');
    setup.advance(25 * HOUR);
    await promote(core, repo.dir, '1.0.0', 'production');

    const actions = core.audit.list().map((e) => e.action);
    for (const action of [
      'promotion.started',
      'gate.passed',
      'checklist.ticked',
      'approval.given',
      'promotion.succeeded',
    ]) {
      expect(actions).toContain(action);
    }
    expect(verifyAuditTrail(core)).toMatchObject({ ok: true });

    const evidence = await releaseEvidence(core, repo.dir, '1.0.0');
    expect(evidence.commits.map((c) => c.subject)).toEqual(['feat: first feature']);
    expect(evidence.changelog).toContain('first feature');
    expect(evidence.promotions.map((p) => [p.promotion.id, p.promotion.state])).toEqual([
      ['v1.0.0@staging#1', 'succeeded'],
      ['v1.0.0@production#1', 'succeeded'],
    ]);
    const gates = evidence.promotions.flatMap((p) => p.gates.map((g) => `${g.kind}:${g.name}:${g.state}`));
    expect(gates).toEqual([
      'check:Unit tests:passed',
      `checklist:${ITEM}:passed`,
      'approval:Approval:passed',
      'soak:Soak in staging:passed',
      'window:Freeze window:passed',
    ]);
    expect(evidence.promotions[0]?.checkRuns[0]?.output).toContain('unit tests ran');
    expect(evidence.audit.verification.ok).toBe(true);
    expect(evidence.audit.events.every((e) => e.hash.length === 64)).toBe(true);

    const { text } = await exportEvidence(core, repo.dir, '1.0.0', 'markdown');
    for (const expected of [
      '# Release evidence: v1.0.0',
      'Unit tests',
      ITEM,
      'Soak in staging',
      'Freeze window',
      'alice@example.com',
      'ok from alice',
      'approval.given',
      'The audit chain verifies',
    ]) {
      expect(text).toContain(expected);
    }
    expect(existsSync(repo.dir)).toBe(true);
  });

  it('keeps the policy a promotion started with when the file changes, and records the change once', async () => {
    setup = promotionSetup();
    const { core, repo } = setup;
    await promote(core, repo.dir, '1.0.0', 'staging');
    // Committed: promotions read the policy at HEAD (an uncommitted edit is not used).
    repo.commit('chore: another checklist item', {
      '.release-desk.yml': POLICY.replace('Database migration reviewed', 'Something else'),
    });
    let detail = await promote(core, repo.dir, '1.0.0', 'staging');
    expect(detail.promotion?.policyChanged).toBe(true);
    expect(detail.gates[1]?.name).toBe(ITEM);
    await promote(core, repo.dir, '1.0.0', 'staging');
    const changes = core.audit.list().filter((e) => e.action === 'policy.changed-during-promotion');
    expect(changes).toHaveLength(1);
    expect(changes[0]?.details).toMatchObject({ startedWith: detail.promotion?.policyHash });

    // Even a policy that no longer parses does not stop the open promotion.
    repo.commit('chore: break the policy', { '.release-desk.yml': 'environments: [' });
    await tick(core, repo.dir, '1.0.0', 'staging', ITEM);
    detail = await promote(core, repo.dir, '1.0.0', 'staging');
    expect(detail.promotion?.state).toBe('succeeded');
    await expect(promote(core, repo.dir, '1.0.0', 'production')).rejects.toMatchObject({
      code: 'policy-invalid',
    });
  });

  it('deploys at the release commit when every gate passes; a failing deploy fails the promotion', async () => {
    setup = promotionSetup(`environments:
  - name: staging
    deploy: { run: "test -f feature.txt && echo deployed {version} to {environment}" }
  - name: production
    deploy: { run: "echo deploying; exit 7" }
`);
    const { core, repo } = setup;
    repo.git('rm', '-q', 'feature.txt');
    repo.git('commit', '-q', '-m', 'chore: later work');
    const staged = await promote(core, repo.dir, '1.0.0', 'staging');
    expect(staged.promotion?.state).toBe('succeeded');
    expect(staged.deploy).toMatchObject({ state: 'passed', output: 'deployed 1.0.0 to staging\n' });
    expect(core.audit.list().find((e) => e.action === 'promotion.deployed')?.details).toMatchObject({
      command: "test -f feature.txt && echo deployed '1.0.0' to 'staging'",
      exitCode: 0,
    });
    const failed = await promote(core, repo.dir, '1.0.0', 'production');
    expect(failed.promotion).toMatchObject({
      state: 'failed',
      failure: 'the deploy command exited with code 7',
    });
    expect(failed.deploy).toMatchObject({ state: 'failed', exitCode: 7 });
  });
});
