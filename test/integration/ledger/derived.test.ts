import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import { syncLedger } from '../../../src-main/core/ledger/sync.js';
import { ledgerStatus } from '../../../src-main/core/ledger/sync-status.js';
import { approve, tick } from '../../../src-main/core/promotion/approvals.js';
import { promotionDetail } from '../../../src-main/core/promotion/detail.js';
import { releaseSituation } from '../../../src-main/core/promotion/situation.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { decideGoNoGo } from '../../../src-main/core/trains/train-lifecycle.js';
import { captureIo } from '../../support/cli-io.js';
import { testCore } from '../../support/core-fixture.js';
import { approvalGate, TEAM_POLICY, teamSetup } from './team-fixture.js';

const CHECKLIST_POLICY = `environments:
  - name: production
    gates:
      - checklist: Runbook reviewed
      - approval: { required: 2, approvers: [alice@example.com, bob@example.com], allowSelf: true }
`;

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

async function detailOf(core: Parameters<typeof releaseSituation>[0], dir: string) {
  return promotionDetail(core, await releaseSituation(core, dir, '1.0.0'), 'production');
}

describe('state derived from the ledger, never a second truth', () => {
  it('puts back the policy a promotion started with when the database is edited to drop its approval gate', async () => {
    team = teamSetup();
    const { alice } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    // The attack of issue 13: one UPDATE drops the approval gate from the stored policy.
    const row = alice.core.db.prepare('SELECT id, policy_json FROM promotions').get() as {
      id: number;
      policy_json: string;
    };
    const policy = JSON.parse(row.policy_json) as { environment: { gates: { kind: string }[] } };
    policy.environment.gates = policy.environment.gates.filter((gate) => gate.kind !== 'approval');
    alice.core.db
      .prepare('UPDATE promotions SET policy_json = ? WHERE id = ?')
      .run(JSON.stringify(policy), row.id);

    const again = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(again.promotion?.state).toBe('pending');
    expect(again.gates.map((gate) => [gate.kind, gate.state, gate.detail.slice(0, 19)])).toEqual([
      ['approval', 'waiting', '1 of 2 approvals — '],
    ]);
    const restored = alice.core.db.prepare('SELECT policy_json FROM promotions WHERE id = ?').get(row.id) as {
      policy_json: string;
    };
    expect(restored.policy_json).toContain('"approval"');
  });

  it("ignores the index's rows edited to make a forged approval count, or made up, and rebuilds it", async () => {
    team = teamSetup();
    const { alice } = team;
    const started = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    const sha = alice.clone.git('rev-parse', 'v1.0.0^{commit}');
    const at = team.clock.now.toISOString();
    const details = {
      promotion: started.promotion!.id,
      environment: 'production',
      version: '1.0.0',
      approver: 'bob@example.com',
      actor: 'Bob <bob@example.com>',
      decision: 'approved',
      sha,
      at,
      comment: null,
    };
    const forged = await appendToLedger(alice.clone.dir, [
      {
        sign: false,
        event: {
          v: 1,
          at,
          actor: 'Bob <bob@example.com>',
          action: 'approval.given',
          subject: started.promotion!.id,
          details,
          local: null,
          imported: false,
        },
      },
    ]);
    expect((await approvalGate(alice.core, alice.clone.dir)).detail).toMatch(/^1 of 2 approvals/);
    // The database says the forged approval carries Bob's good signature.
    alice.core.db
      .prepare("UPDATE ledger_events SET signature = 'G', signer = 'bob@example.com' WHERE commit_sha = ?")
      .run(forged);
    const edited = await approvalGate(alice.core, alice.clone.dir);
    expect(edited.state).toBe('waiting');
    expect(edited.detail).toMatch(/^1 of 2 approvals/);
    expect(
      alice.core.db.prepare('SELECT signature FROM ledger_events WHERE commit_sha = ?').get(forged),
    ).toEqual({ signature: 'N' });

    // A row made up from nothing, "signed" by Bob: no such commit in the ledger.
    alice.core.db
      .prepare(
        `INSERT INTO ledger_events (repo, commit_sha, at, actor, action, subject, details, imported, local_seq, signature, signer, signing_key)
         VALUES (?, ?, ?, 'Bob <bob@example.com>', 'approval.given', ?, ?, 0, NULL, 'G', 'bob@example.com', NULL)`,
      )
      .run(alice.clone.dir, 'f'.repeat(40), at, started.promotion!.id, JSON.stringify({ ...details, at }));
    const madeUp = await approvalGate(alice.core, alice.clone.dir);
    expect(madeUp.detail).toMatch(/^1 of 2 approvals/);
    expect(
      alice.core.db
        .prepare('SELECT COUNT(*) AS n FROM ledger_events WHERE commit_sha = ?')
        .get('f'.repeat(40)),
    ).toEqual({ n: 0 });
  });

  it('rebuilds everything that counts from the ledger when the database is deleted', async () => {
    team = teamSetup();
    const { alice } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    // A fresh data dir on the same clone: what a deleted release-desk.sqlite comes back as.
    const fresh = testCore({
      now: () => team.clock.now,
      gitEnv: { GIT_COMMITTER_NAME: 'Alice', GIT_COMMITTER_EMAIL: 'alice@example.com' },
    });
    try {
      const gate = await approvalGate(fresh, alice.clone.dir);
      expect(gate.detail).toMatch(/^1 of 2 approvals/);
      expect(gate.approvals).toEqual([
        expect.objectContaining({ approver: 'alice@example.com', signer: 'alice@example.com', counts: true }),
      ]);
      expect(fresh.db.prepare('SELECT COUNT(*) AS n FROM promotions').get()).toEqual({ n: 1 });
      // The ledger was not written to again: the rebuilt index added no event.
      expect(alice.clone.git('rev-list', '--count', 'refs/release-desk/ledger')).toBe('2');
    } finally {
      await fresh.dispose();
    }
  });

  it("counts Bob's tick made in his clone after a sync, signed by him; a forged unsigned tick does not count", async () => {
    team = teamSetup(CHECKLIST_POLICY);
    const { alice, bob } = team;
    const started = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await syncLedger(alice.core, alice.clone.dir);
    await syncLedger(bob.core, bob.clone.dir);
    // Mallory appends a tick in Bob's name, unsigned, straight into Alice's ledger.
    await appendToLedger(alice.clone.dir, [
      {
        sign: false,
        event: {
          v: 1,
          at: team.clock.now.toISOString(),
          actor: 'Bob <bob@example.com>',
          action: 'checklist.ticked',
          subject: started.promotion!.id,
          details: {
            promotion: started.promotion!.id,
            item: 'Runbook reviewed',
            actor: 'Bob <bob@example.com>',
            note: null,
            at: team.clock.now.toISOString(),
          },
          local: null,
          imported: false,
        },
      },
    ]);
    const forged = (await detailOf(alice.core, alice.clone.dir)).gates[0]!;
    expect(forged).toMatchObject({ kind: 'checklist', state: 'waiting' });

    team.advance(60_000);
    await tick(bob.core, bob.clone.dir, '1.0.0', 'production', 'Runbook reviewed', 'read it twice');
    await syncLedger(bob.core, bob.clone.dir);
    await syncLedger(alice.core, alice.clone.dir);
    const seen = (await detailOf(alice.core, alice.clone.dir)).gates[0]!;
    expect(seen).toMatchObject({
      state: 'passed',
      tick: { by: 'Bob <bob@example.com>', note: 'read it twice', signer: 'bob@example.com' },
    });
    expect(seen.detail).toMatch(/^ticked by Bob <bob@example\.com> at .*: read it twice$/);

    // Carol has no signing key: her tick is refused with the commands, and nothing is recorded.
    const carol = team.join('Carol', null);
    await syncLedger(carol.core, carol.clone.dir);
    await expect(
      tick(carol.core, carol.clone.dir, '1.0.0', 'production', 'Runbook reviewed'),
    ).rejects.toThrow(/git config gpg\.format ssh.*git config user\.signingkey/);
    expect(carol.core.db.prepare('SELECT COUNT(*) AS n FROM checklist_ticks').get()).toEqual({ n: 0 });
  });

  it('verifies against the allowed signers committed at HEAD, not an uncommitted edit or deletion', async () => {
    team = teamSetup();
    const { alice } = team;
    const started = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    const list = path.join(alice.clone.dir, '.release-desk', 'allowed_signers');
    // Someone adds Mallory's key as Bob's in the working tree, without review.
    appendFileSync(list, `bob@example.com ${readPublicKey(team.keys.mallory)}\n`);
    const sha = alice.clone.git('rev-parse', 'v1.0.0^{commit}');
    const at = team.clock.now.toISOString();
    await appendToLedger(
      alice.clone.dir,
      [
        {
          sign: true,
          event: {
            v: 1,
            at,
            actor: 'Bob <bob@example.com>',
            action: 'approval.given',
            subject: started.promotion!.id,
            details: {
              promotion: started.promotion!.id,
              environment: 'production',
              version: '1.0.0',
              approver: 'bob@example.com',
              actor: 'Bob <bob@example.com>',
              decision: 'approved',
              sha,
              at,
              comment: null,
            },
            local: null,
            imported: false,
          },
        },
      ],
      {
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_0: 'user.signingkey',
        GIT_CONFIG_VALUE_0: team.keys.mallory,
        GIT_CONFIG_KEY_1: 'gpg.format',
        GIT_CONFIG_VALUE_1: 'ssh',
      },
    );
    const gate = await approvalGate(alice.core, alice.clone.dir);
    expect(gate.detail).toMatch(/^0 of 2 approvals/);
    expect(gate.approvals![0]!.note).toMatch(
      /^signed with a key that is not in \.release-desk\/allowed_signers/,
    );

    // Deleting the file without committing does not stop decisions having to be signed.
    rmSync(list);
    expect((await ledgerStatus(alice.core, alice.clone.dir)).signing.required).toBe(true);
    expect((await approvalGate(alice.core, alice.clone.dir)).approvals![0]!.counts).toBe(false);
  });

  it("lists a repository's audit events from the shared ledger: Bob's clone shows Alice's, signed", async () => {
    team = teamSetup();
    const { alice, bob } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    // Ledger order is time, then commit hash: the approval comes a minute later.
    team.advance(60_000);
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    await syncLedger(alice.core, alice.clone.dir);
    await syncLedger(bob.core, bob.clone.dir);
    const io = captureIo();
    const args = ['audit', 'list', '--repo', bob.clone.dir, '--json', '--data-dir', bob.core.dataDir];
    expect(await runCli(args, io.io)).toBe(0);
    const listed = JSON.parse(io.stdout()) as {
      seq: number;
      action: string;
      actor: string;
      signer: string | null;
    }[];
    expect(listed.map((e) => [e.seq, e.action, e.actor, e.signer])).toEqual([
      [2, 'approval.given', 'Alice <alice@example.com>', 'alice@example.com'],
      [1, 'promotion.started', 'Alice <alice@example.com>', null],
    ]);
    // Bob's own database never recorded them: the list is the ledger's, not the local log's.
    expect(bob.core.db.prepare('SELECT COUNT(*) AS n FROM audit_events').get()).toEqual({ n: 0 });
  });

  it('counts a go only when signed by its own voter: an unsigned go or one signed under another name does not open the ship', async () => {
    team = teamSetup(`${TEAM_POLICY}trains:\n  goNoGo: { approvals: 2 }\n`);
    const { alice } = team;
    alice.clone.commit('feat: second feature');
    const { train } = await cutTrain(alice.core, alice.clone.dir);
    const head = alice.clone.git('rev-parse', train.branch!);
    const vote = (n: number) => ({
      v: 1 as const,
      at: `2026-03-03T10:0${n}:00.000Z`,
      actor: 'Bob <bob@example.com>',
      action: 'train.approved',
      subject: train.name,
      details: { branch: train.branch, sha: head, comment: null },
      local: null,
      imported: false,
    });
    const aliceKey = {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'user.signingkey',
      GIT_CONFIG_VALUE_0: team.keys.alice,
      GIT_CONFIG_KEY_1: 'gpg.format',
      GIT_CONFIG_VALUE_1: 'ssh',
    };
    await appendToLedger(alice.clone.dir, [{ event: vote(1), sign: false }]);
    let board = await decideGoNoGo(alice.core, alice.clone.dir, 'go', 'ship it');
    expect(board.approvalsGiven).toBe(1);
    expect(board.blocking).toContain('1 of 2 go/no-go approvals');
    expect(board.decisions.find((d) => d.actor.startsWith('Bob'))).toMatchObject({
      signer: null,
      uncounted: 'not signed with an allowed key: only signed votes count here',
    });
    // Alice's key signing a go in Bob's name.
    await appendToLedger(alice.clone.dir, [{ event: vote(2), sign: true }], aliceKey);
    board = await decideGoNoGo(alice.core, alice.clone.dir, 'go', 'still ship it');
    expect(board.approvalsGiven).toBe(1);
    expect(board.decisions.find((d) => d.actor.startsWith('Bob'))).toMatchObject({
      signer: 'alice@example.com',
      uncounted: 'signed by alice@example.com, not by the voter',
    });
  });

  it('refuses a go/no-go git cannot sign where signed decisions are required, recording nothing', async () => {
    team = teamSetup();
    const carol = team.join('Carol', null);
    team.alice.clone.commit('feat: second feature');
    await cutTrain(team.alice.core, team.alice.clone.dir);
    team.alice.clone.git('push', '-q', 'origin', 'HEAD', 'release/1.1');
    await syncLedger(team.alice.core, team.alice.clone.dir);
    carol.clone.git('pull', '-q', 'origin', 'main');
    carol.clone.git('fetch', '-q', 'origin', 'release/1.1:release/1.1');
    await syncLedger(carol.core, carol.clone.dir);
    const refused = await decideGoNoGo(carol.core, carol.clone.dir, 'go', undefined).catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/git config gpg\.format ssh.*git config user\.signingkey/);
    expect(carol.core.db.prepare('SELECT COUNT(*) AS n FROM train_decisions').get()).toEqual({ n: 0 });
  });

  it('shows who signed each go/no-go vote', async () => {
    team = teamSetup();
    const { alice } = team;
    alice.clone.commit('feat: second feature');
    await cutTrain(alice.core, alice.clone.dir);
    const board = await decideGoNoGo(alice.core, alice.clone.dir, 'go', 'ship it');
    expect(board.decisions).toEqual([
      expect.objectContaining({
        actor: 'Alice <alice@example.com>',
        decision: 'go',
        signer: 'alice@example.com',
      }),
    ]);
  });
});

function readPublicKey(key: string): string {
  return readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
}
