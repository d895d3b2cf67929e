import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { approve, reject, tick } from '../../../src-main/core/promotion/approvals.js';
import { waitingForMe } from '../../../src-main/core/promotion/board.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { verifyAuditTrail } from '../../../src-main/core/promotion/verify-records.js';
import { captureIo } from '../../support/cli-io.js';
import { HOUR, promotionSetup } from './promotion-fixture.js';

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

/** v1.0.0 through staging and a production promotion waiting on approvals, requested by `requester`. */
async function waitingForApprovals(requester = 'ada@example.com') {
  const { core, repo } = setup;
  await promote(core, repo.dir, '1.0.0', 'staging');
  await tick(core, repo.dir, '1.0.0', 'staging', 'Database migration reviewed');
  await promote(core, repo.dir, '1.0.0', 'staging');
  return promote(setup.as(requester), repo.dir, '1.0.0', 'production');
}

describe('approvals', () => {
  it("refuses the release's creator and the promotion's requester when allowSelf is false", async () => {
    setup = promotionSetup();
    const { repo } = setup;
    // This release is tagged by Alice, and Carol requests its promotion.
    repo.commit('fix: a fix');
    repo.gitWithEnv(
      { GIT_COMMITTER_NAME: 'Alice', GIT_COMMITTER_EMAIL: 'alice@example.com' },
      'tag',
      '-a',
      'v1.0.1',
      '-m',
      'v1.0.1',
    );
    const { core } = setup;
    await promote(core, repo.dir, '1.0.1', 'staging');
    await tick(core, repo.dir, '1.0.1', 'staging', 'Database migration reviewed');
    await promote(core, repo.dir, '1.0.1', 'staging');
    const detail = await promote(setup.as('carol@example.com'), repo.dir, '1.0.1', 'production');
    expect(detail.promotion?.releaseCreator).toBe('alice@example.com');

    await expect(
      approve(setup.as('alice@example.com'), repo.dir, '1.0.1', 'production'),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/alice@example.com created this release and may not approve it/),
    });
    await expect(
      approve(setup.as('carol@example.com'), repo.dir, '1.0.1', 'production'),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/carol@example.com requested this promotion and may not approve it/),
    });
    // Only Bob is left, so two approvals cannot be had: the gate says so.
    expect(detail.gates[0]?.detail).toBe(
      '0 of 2 approvals — cannot be met: 2 more approvers needed but only 1 eligible left',
    );
    expect(core.db.prepare('SELECT COUNT(*) AS n FROM approvals').get()).toEqual({ n: 0 });
  });

  it('refuses an approver who is not in the list, naming the list', async () => {
    setup = promotionSetup();
    await waitingForApprovals();
    await expect(
      approve(setup.as('mallory@example.com'), setup.repo.dir, '1.0.0', 'production'),
    ).rejects.toThrow(
      'mallory@example.com is not an approver for production (approvers: alice@example.com, bob@example.com, carol@example.com).',
    );
    await expect(
      reject(setup.as('mallory@example.com'), setup.repo.dir, '1.0.0', 'production', 'no'),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets approvals lapse after `expires`, after which the approver may approve again', async () => {
    setup = promotionSetup();
    const { repo } = setup;
    await waitingForApprovals();
    await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production');
    // Alice's approval lapses before Bob's: the last approval no longer completes the gate.
    setup.advance(73 * HOUR);
    let detail = await approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production');
    expect(detail.promotion?.state).toBe('pending');
    expect(detail.gates[0]).toMatchObject({
      state: 'waiting',
      detail:
        '1 of 2 approvals (1 lapsed) — waiting on 1 more approver (alice@example.com or carol@example.com)',
    });
    expect(detail.gates[0]?.approvals?.[0]).toMatchObject({
      approver: 'alice@example.com',
      counts: false,
      note: 'lapsed: older than 3 d',
    });

    detail = await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production');
    expect(detail.gates[0]?.state).toBe('passed');
    // The last approval finished the promotion; promoting again only says so.
    expect(detail.promotion?.state).toBe('succeeded');
    expect((await promote(setup.core, repo.dir, '1.0.0', 'production')).promotion?.state).toBe('succeeded');
  });

  it('rejects the whole promotion on one rejection, which needs a comment', async () => {
    setup = promotionSetup();
    const { repo, core } = setup;
    await waitingForApprovals();
    await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production');
    const noComment = captureIo({ GIT_COMMITTER_EMAIL: 'carol@example.com' }, repo.dir);
    expect(
      await runCli(['reject', '1.0.0', '--env', 'production', '--data-dir', core.dataDir], noComment.io),
    ).toBe(2);

    const detail = await reject(
      setup.as('carol@example.com'),
      repo.dir,
      '1.0.0',
      'production',
      'error budget exhausted',
    );
    expect(detail.promotion).toMatchObject({
      state: 'rejected',
      failure: 'rejected by carol <carol@example.com>: error budget exhausted',
    });
    expect(detail.gates[0]).toMatchObject({
      state: 'failed',
      detail: 'rejected by carol <carol@example.com>: error budget exhausted',
    });
    await expect(approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production')).rejects.toThrow(
      /is rejected/,
    );
    expect(core.audit.list().map((e) => e.action)).toEqual(
      expect.arrayContaining(['approval.rejected', 'promotion.rejected', 'gate.failed']),
    );

    // A new attempt needs approvals afresh: the first attempt's do not carry over.
    const retry = await promote(core, repo.dir, '1.0.0', 'production');
    expect(retry.promotion).toMatchObject({ id: 'v1.0.0@production#2', state: 'pending' });
    expect(retry.gates[0]?.detail).toMatch(/^0 of 2 approvals/);
  });

  it('binds approvals to the commit: moving the tag voids them and stops the promotion', async () => {
    setup = promotionSetup();
    const { repo, core } = setup;
    await waitingForApprovals();
    await approve(setup.as('alice@example.com'), repo.dir, '1.0.0', 'production');
    const moved = repo.commit('feat: sneaked in');
    repo.git('tag', '-f', '-a', 'v1.0.0', '-m', 'v1.0.0 again', moved);

    await expect(approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production')).rejects.toThrow(
      /moved to/,
    );
    const detail = await promote(core, repo.dir, '1.0.0', 'production');
    expect(detail.promotion).toMatchObject({
      state: 'failed',
      failure: expect.stringMatching(/now points at .* a release is immutable/),
    });
    expect(detail.gates[0]?.approvals?.[0]).toMatchObject({
      counts: false,
      note: expect.stringMatching(/^given for commit/),
    });
    await expect(promote(core, repo.dir, '1.0.0', 'production')).rejects.toThrow(
      /has not succeeded in staging yet/,
    );
  });

  it('lists promotions waiting on the current identity', async () => {
    setup = promotionSetup();
    await waitingForApprovals();
    expect(await waitingForMe(setup.as('bob@example.com'), setup.repo.dir)).toEqual([
      {
        promotionId: 'v1.0.0@production#1',
        version: '1.0.0',
        environment: 'production',
        kind: 'approval',
        gate: 'Approval',
        detail:
          '0 of 2 approvals — waiting on 2 more approvers (alice@example.com, bob@example.com, carol@example.com)',
      },
    ]);
    expect(await waitingForMe(setup.as('mallory@example.com'), setup.repo.dir)).toEqual([]);
  });
});

describe('tampering with approval records', () => {
  async function approvedTwice() {
    setup = promotionSetup();
    await waitingForApprovals();
    await approve(setup.as('alice@example.com'), setup.repo.dir, '1.0.0', 'production', 'fine');
    await approve(setup.as('bob@example.com'), setup.repo.dir, '1.0.0', 'production');
    expect(verifyAuditTrail(setup.core)).toMatchObject({ ok: true });
  }

  async function auditVerifyExit(): Promise<{ code: number; stderr: string }> {
    const io = captureIo();
    const code = await runCli(['audit', 'verify', '--data-dir', setup.core.dataDir], io.io);
    return { code, stderr: io.stderr() };
  }

  it.each([
    [
      'the approver',
      "UPDATE approvals SET approver = 'carol@example.com' WHERE approver = 'bob@example.com'",
    ],
    [
      'the commit',
      "UPDATE approvals SET sha = 'ffffffffffffffffffffffffffffffffffffffff' WHERE approver = 'alice@example.com'",
    ],
    ['the time', "UPDATE approvals SET at = '2030-01-01T00:00:00.000Z' WHERE approver = 'alice@example.com'"],
    ['the comment', "UPDATE approvals SET comment = 'edited' WHERE approver = 'alice@example.com'"],
    ['the decision', "UPDATE approvals SET decision = 'rejected' WHERE approver = 'bob@example.com'"],
  ])('editing %s of an approval row makes audit verify fail', async (_what, sql) => {
    await approvedTwice();
    setup.core.db.prepare(sql).run();
    expect(verifyAuditTrail(setup.core)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/approval \d+ was modified/),
    });
    const result = await auditVerifyExit();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/approval \d+ was modified/);
  });

  it('deleting an approval row or forging one makes audit verify fail', async () => {
    await approvedTwice();
    const { db } = setup.core;
    db.prepare("DELETE FROM approvals WHERE approver = 'bob@example.com'").run();
    expect(verifyAuditTrail(setup.core)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/is missing/),
    });
    db.prepare(
      `INSERT INTO approvals (promotion_id, repo, environment, approver, actor, decision, sha, at, comment, audit_seq)
       SELECT promotion_id, repo, environment, 'carol@example.com', 'carol <carol@example.com>', decision, sha, at, NULL, 1
       FROM approvals LIMIT 1`,
    ).run();
    expect((await auditVerifyExit()).code).toBe(1);
  });

  it('editing a checklist tick makes audit verify fail', async () => {
    await approvedTwice();
    setup.core.db.prepare("UPDATE checklist_ticks SET actor = 'Mallory <m@example.com>'").run();
    expect(verifyAuditTrail(setup.core)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/checklist tick \d+ was modified/),
    });
  });
});
