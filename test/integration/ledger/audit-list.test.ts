import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import type { Core } from '../../../src-main/core/context.js';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import { syncLedger } from '../../../src-main/core/ledger/sync.js';
import { ledgerStatus } from '../../../src-main/core/ledger/sync-status.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { promotionDetail } from '../../../src-main/core/promotion/detail.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { releaseSituation } from '../../../src-main/core/promotion/situation.js';
import { openRepository } from '../../../src-main/core/repository/open-repository.js';
import { readRepositoryContext } from '../../../src-main/core/repository/repository-context.js';
import { UNCOMMITTED_POLICY } from '../../../src-main/core/policy/committed-policy.js';
import type { AuditPage } from '../../../shared/domain/audit.js';
import { approvalGate, TEAM_POLICY, teamSetup } from './team-fixture.js';

const dispatch = createDispatcher({
  handlers,
  isTrusted: (caller) => caller.kind === 'test' && caller.trusted,
});

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

/** `audit.list` as the Audit screen calls it. */
async function auditList(core: Core, input: Record<string, unknown>): Promise<AuditPage> {
  const ctx = { core, caller: { kind: 'test' as const, trusted: true }, mode: 'browser' as const };
  const answer = await dispatch('audit.list', input, ctx);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as AuditPage;
}

describe("a repository's audit list read from its shared ledger (the Audit screen's channel)", () => {
  it("shows Bob Alice's events signed, his own opening local only and his unshareable approval not yet shared", async () => {
    team = teamSetup();
    const { alice, bob } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    team.advance(60_000);
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    await syncLedger(alice.core, alice.clone.dir);
    await syncLedger(bob.core, bob.clone.dir);
    team.advance(60_000);
    await openRepository(bob.core, bob.clone.dir);
    // Bob's signing key is gone: git cannot write his signed approval into the ledger.
    bob.clone.git('config', 'user.signingkey', `${team.keys.bob}.missing`);
    team.advance(60_000);
    await expect(approve(bob.core, bob.clone.dir, '1.0.0', 'production')).rejects.toMatchObject({
      code: 'git-failed',
    });

    const page = await auditList(bob.core, { repo: bob.clone.dir, excludeActions: [] });
    expect(
      page.events.map((e) => [e.seq, e.action, e.actor, e.source, e.signature, e.signer, e.decision]),
    ).toEqual([
      [2, 'approval.given', 'Bob <bob@example.com>', 'pending', null, null, true],
      [1, 'repository.opened', 'Bob <bob@example.com>', 'local', null, null, false],
      [2, 'approval.given', 'Alice <alice@example.com>', 'ledger', 'G', 'alice@example.com', true],
      [1, 'promotion.started', 'Alice <alice@example.com>', 'ledger', 'N', null, false],
    ]);
    expect(page.events.map((e) => e.id)).toEqual([
      'local-2',
      'local-1',
      expect.stringMatching(/^[0-9a-f]{40}$/),
      expect.stringMatching(/^[0-9a-f]{40}$/),
    ]);
    expect(page.events[2]!.commit).toBe(page.events[2]!.id);
    expect(page.pending).toMatchObject({ events: 1, error: expect.stringMatching(/.+/) });
    expect(page.facets?.actors).toEqual(['Alice <alice@example.com>', 'Bob <bob@example.com>']);

    // Filters, search and paging apply to the ledger's events like to the local log's.
    const alices = await auditList(bob.core, { repo: bob.clone.dir, actor: 'Alice <alice@example.com>' });
    expect(alices.events.map((e) => e.action)).toEqual(['approval.given', 'promotion.started']);
    const searched = await auditList(bob.core, { repo: bob.clone.dir, search: 'alice@example.com' });
    expect(searched.total).toBe(2);
    const second = await auditList(bob.core, { repo: bob.clone.dir, limit: 1, around: page.events[3]!.id });
    expect(second).toMatchObject({ offset: 3, total: 4 });
    expect(second.events.map((e) => e.id)).toEqual([page.events[3]!.id]);
    // Opening is folded away by default on the screen, and this machine's own log lacks Alice's events.
    const machine = await auditList(bob.core, {});
    expect(machine.events.map((e) => [e.action, e.source])).toEqual([
      ['approval.given', 'local'],
      ['repository.opened', 'local'],
    ]);
  });
});

describe('the policy a promotion uses comes from HEAD', () => {
  it('an uncommitted requireSigned: false does not make an unsigned approval count; committed, it does', async () => {
    team = teamSetup();
    const { alice } = team;
    // Carol has no signing key: whatever she decides is unsigned.
    const carol = team.join('Carol', null);
    const started = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await syncLedger(alice.core, alice.clone.dir);
    await syncLedger(carol.core, carol.clone.dir);
    const relaxed = `${TEAM_POLICY}approvals:\n  requireSigned: false\n`;
    carol.clone.write('.release-desk.yml', relaxed);

    // HEAD still requires signatures: her approval is refused before anything is recorded…
    await expect(approve(carol.core, carol.clone.dir, '1.0.0', 'production')).rejects.toMatchObject({
      code: 'signing-not-set-up',
    });
    // …and one written into the ledger unsigned anyway does not count.
    const at = team.clock.now.toISOString();
    const details = {
      promotion: started.promotion!.id,
      environment: 'production',
      version: '1.0.0',
      approver: 'carol@example.com',
      actor: 'Carol <carol@example.com>',
      decision: 'approved',
      sha: carol.clone.git('rev-parse', 'v1.0.0^{commit}'),
      at,
      comment: null,
    };
    const event = { v: 1 as const, at, actor: 'Carol <carol@example.com>', action: 'approval.given' };
    await appendToLedger(carol.clone.dir, [
      {
        sign: false,
        event: { ...event, subject: started.promotion!.id, details, local: null, imported: false },
      },
    ]);
    const edited = await approvalGate(carol.core, carol.clone.dir);
    expect(edited.detail).toMatch(/^0 of 2 approvals/);
    expect(edited.approvals).toEqual([
      expect.objectContaining({ approver: 'carol@example.com', counts: false }),
    ]);
    expect((await ledgerStatus(carol.core, carol.clone.dir)).signing.required).toBe(true);
    // Said where the policy is shown and used: the repository's warnings, the promotion.
    expect((await openRepository(carol.core, carol.clone.dir)).warnings).toContain(UNCOMMITTED_POLICY);
    const situation = await releaseSituation(carol.core, carol.clone.dir, '1.0.0');
    expect(promotionDetail(carol.core, situation, 'production').policyNote).toBe(UNCOMMITTED_POLICY);

    // The same edit committed is the policy (so the checks above could fail).
    carol.clone.commit('chore: approvals need no signature', { '.release-desk.yml': relaxed });
    expect((await approvalGate(carol.core, carol.clone.dir)).detail).toMatch(/^1 of 2 approvals/);
    expect((await openRepository(carol.core, carol.clone.dir)).warnings).not.toContain(UNCOMMITTED_POLICY);
    const committed = await releaseSituation(carol.core, carol.clone.dir, '1.0.0');
    expect(promotionDetail(carol.core, committed, 'production').policyNote).toBeUndefined();
  });

  it('reads versioning keys from the working tree and names the broken file at HEAD', async () => {
    team = teamSetup();
    const { alice } = team;
    alice.clone.commit('chore: a broken gate', {
      '.release-desk.yml': TEAM_POLICY.replace('required: 2', 'required: 0'),
    });
    alice.clone.write('.release-desk.yml', `${TEAM_POLICY}versioning:\n  preMajor: false\n`);
    const context = await readRepositoryContext(alice.clone.dir);
    expect(context.policy).toBeNull();
    expect(context.policyError?.release?.versioning.preMajor).toBe(false);
    const summary = await openRepository(alice.core, alice.clone.dir);
    expect(summary.warnings.join('\n')).toMatch(
      /\.release-desk\.yml at HEAD line 4: environments\[0\]\.gates\[0\]\.approval\.required/,
    );
    await expect(promote(alice.core, alice.clone.dir, '1.0.0', 'production')).rejects.toMatchObject({
      code: 'policy-invalid',
    });
  });
});
