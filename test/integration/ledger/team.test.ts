import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { LEDGER_REF } from '../../../src-main/core/git/ledger-refs.js';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import { readLedger } from '../../../src-main/core/ledger/read.js';
import { syncLedger } from '../../../src-main/core/ledger/sync.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { captureIo } from '../../support/cli-io.js';
import { approvalGate, teamSetup } from './team-fixture.js';

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

describe('a team sharing the ledger through origin', () => {
  it('Alice approves in clone A, Bob in clone B; after syncing both see 2 of 2 and the promotion succeeds', async () => {
    team = teamSetup();
    const { alice, bob } = team;
    const started = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(started.promotion?.state).toBe('pending');
    const first = await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(first.gates[0]!.detail).toMatch(/^1 of 2 approvals/);
    expect(first.gates[0]!.approvals![0]).toMatchObject({ signer: 'alice@example.com', counts: true });

    const aliceSync = await syncLedger(alice.core, alice.clone.dir);
    expect(aliceSync).toMatchObject({ remote: 'origin', fetched: 0 });
    expect(aliceSync.pushed).toBeGreaterThanOrEqual(2);
    expect(team.originGit('rev-parse', LEDGER_REF)).toBe(aliceSync.head);

    // Bob's clone has never seen this promotion: the ledger brings it, with Alice's approval.
    const bobSync = await syncLedger(bob.core, bob.clone.dir);
    expect(bobSync.fetched).toBe(aliceSync.pushed);
    expect((await approvalGate(bob.core, bob.clone.dir)).detail).toMatch(/^1 of 2 approvals/);
    // Events are ordered by time, then hash: Bob approves a minute later.
    team.advance(60_000);
    const second = await approve(bob.core, bob.clone.dir, '1.0.0', 'production');
    expect(second.gates[0]).toMatchObject({ state: 'passed' });
    expect(second.gates[0]!.detail).toBe('2 of 2 approvals (alice@example.com, bob@example.com)');
    // The last approval finishes the promotion where it was given.
    expect(second.promotion?.state).toBe('succeeded');
    await syncLedger(bob.core, bob.clone.dir);

    // Through the CLI, as a pipeline would: the contract's JSON.
    const io = captureIo();
    const code = await runCli(
      ['sync', '--repo', alice.clone.dir, '--json', '--data-dir', alice.core.dataDir],
      io.io,
    );
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(io.stdout()) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['fetched', 'head', 'pushed', 'remote']);
    expect(result).toMatchObject({ remote: 'origin', pushed: 0 });
    expect(result.fetched).toBeGreaterThanOrEqual(1);

    const seenByAlice = await approvalGate(alice.core, alice.clone.dir);
    expect(seenByAlice.state).toBe('passed');
    expect(seenByAlice.detail).toBe('2 of 2 approvals (alice@example.com, bob@example.com)');
    const done = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(done.promotion?.state).toBe('succeeded');

    // Bob learns the outcome from the ledger too; promoting again only says it is done.
    await syncLedger(alice.core, alice.clone.dir);
    await syncLedger(bob.core, bob.clone.dir);
    const again = await promote(bob.core, bob.clone.dir, '1.0.0', 'production');
    expect(again).toMatchObject({
      promotion: { state: 'succeeded' },
      canPromote: { allowed: false, reason: 'v1.0.0 is already live in production.' },
    });
  });

  it('merges appends made on both sides at once: no event is lost, both end on one head', async () => {
    team = teamSetup();
    const { alice, bob } = team;
    const event = (who: string, n: number) => ({
      sign: false,
      event: {
        v: 1 as const,
        at: new Date(Date.UTC(2026, 2, 3, 10, n % 7, n)).toISOString(),
        actor: `${who} <${who.toLowerCase()}@example.com>`,
        action: 'test.appended',
        subject: `${who}-${n}`,
        details: { n },
        local: null,
        imported: false,
      },
    });
    await syncLedger(alice.core, alice.clone.dir).catch(() => null);
    await Promise.all([
      ...[0, 1, 2, 3].map((n) => appendToLedger(alice.clone.dir, [event('Alice', n)])),
      ...[0, 1, 2, 3].map((n) => appendToLedger(bob.clone.dir, [event('Bob', n)])),
    ]);
    // Both push concurrently: one wins the lease, the other fetches, merges and pushes again.
    await Promise.all([syncLedger(alice.core, alice.clone.dir), syncLedger(bob.core, bob.clone.dir)]);
    const last = await syncLedger(alice.core, alice.clone.dir);
    const bobLast = await syncLedger(bob.core, bob.clone.dir);
    expect(bobLast.head).toBe(last.head);
    for (const dir of [alice.clone.dir, bob.clone.dir]) {
      const subjects = (await readLedger(dir)).map((e) => e.event.subject).sort();
      expect(subjects).toEqual([
        'Alice-0',
        'Alice-1',
        'Alice-2',
        'Alice-3',
        'Bob-0',
        'Bob-1',
        'Bob-2',
        'Bob-3',
      ]);
    }
    // Joined, never rewritten: the merge keeps both histories as parents.
    expect(alice.clone.git('rev-list', '--merges', '--count', LEDGER_REF)).not.toBe('0');
  });

  it('does not count a forged approval: unsigned, signed by an unknown key, or by someone else', async () => {
    team = teamSetup();
    const { alice } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    const sha = alice.clone.git('rev-parse', 'v1.0.0^{commit}');
    const forged = (approver: string, n: number) => ({
      v: 1 as const,
      at: `2026-03-03T10:0${n}:00.000Z`,
      actor: `Bob <${approver}>`,
      action: 'approval.given',
      subject: 'v1.0.0@production#1',
      details: {
        promotion: 'v1.0.0@production#1',
        environment: 'production',
        version: '1.0.0',
        approver,
        actor: `Bob <${approver}>`,
        decision: 'approved',
        sha,
        at: `2026-03-03T10:0${n}:00.000Z`,
        comment: null,
      },
      local: null,
      imported: false,
    });
    const withKey = (key: string) => ({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'user.signingkey',
      GIT_CONFIG_VALUE_0: key,
      GIT_CONFIG_KEY_1: 'gpg.format',
      GIT_CONFIG_VALUE_1: 'ssh',
    });
    // Valid JSON with no signature, one signed by Mallory's key, one signed by Alice's key claiming to be Bob.
    await appendToLedger(alice.clone.dir, [{ event: forged('bob@example.com', 1), sign: false }]);
    await appendToLedger(
      alice.clone.dir,
      [{ event: forged('bob@example.com', 2), sign: true }],
      withKey(team.keys.mallory),
    );
    await appendToLedger(
      alice.clone.dir,
      [{ event: forged('bob@example.com', 3), sign: true }],
      withKey(team.keys.alice),
    );
    await appendToLedger(alice.clone.dir, [{ event: forged('carol@example.com', 4), sign: false }]);

    const gate = await approvalGate(alice.core, alice.clone.dir);
    expect(gate.state).toBe('waiting');
    expect(gate.detail).toMatch(/^0 of 2 approvals/);
    expect(gate.approvals!.map((a) => [a.counts, a.note])).toEqual([
      [false, 'not signed, and this repository counts only signed decisions'],
      [
        false,
        expect.stringMatching(/^signed with a key that is not in \.release-desk\/allowed_signers \(SHA256:/),
      ],
      [false, 'signed by alice@example.com, not by bob@example.com'],
      [false, 'not signed, and this repository counts only signed decisions'],
    ]);
    // Alice's own, properly signed approval counts.
    const real = await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(real.gates[0]!.detail).toMatch(/^1 of 2 approvals/);
    // audit verify names the forged decisions.
    const io = captureIo();
    expect(
      await runCli(['audit', 'verify', '--repo', alice.clone.dir, '--data-dir', alice.core.dataDir], io.io),
    ).toBe(1);
    expect(io.stderr()).toMatch(
      /decision [0-9a-f]{12} \(approval\.given v1\.0\.0@production#1 by Bob <bob@example\.com>.*is not signed/,
    );
    expect(io.stderr()).toMatch(/signed by a key not in the allowed signers/);
  });

  it('refuses to approve unsigned where signed decisions are required, with the commands that set signing up', async () => {
    team = teamSetup();
    const carol = team.join('Carol', null);
    await promote(team.alice.core, team.alice.clone.dir, '1.0.0', 'production');
    await syncLedger(team.alice.core, team.alice.clone.dir);
    await syncLedger(carol.core, carol.clone.dir);
    const refused = await approve(carol.core, carol.clone.dir, '1.0.0', 'production').catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/git config gpg\.format ssh.*git config user\.signingkey/);
    expect(carol.core.db.prepare('SELECT COUNT(*) AS n FROM approvals').get()).toEqual({ n: 0 });
  });

  it('audit verify reports a remote ledger rewritten to drop its last event, naming it', async () => {
    team = teamSetup();
    const { alice } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    const { head } = await syncLedger(alice.core, alice.clone.dir);
    const verify = async () => {
      const io = captureIo();
      const args = ['audit', 'verify', '--repo', alice.clone.dir, '--json', '--data-dir', alice.core.dataDir];
      const code = await runCli(args, io.io);
      return {
        code,
        result: JSON.parse(io.stdout()) as { ledger: { ok: boolean; problems: string[]; remote: string } },
      };
    };
    const intact = await verify();
    expect(intact.result.ledger).toMatchObject({ ok: true, remote: 'origin', problems: [] });
    expect(intact.code).toBe(0);

    const last = (await readLedger(alice.clone.dir)).find((entry) => entry.commit === head)!;
    // Someone force-moves origin's ledger back by one event.
    team.originGit('update-ref', LEDGER_REF, `${head}^`);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.result.ledger.ok).toBe(false);
    expect(broken.result.ledger.problems).toEqual([
      expect.stringContaining(
        `origin's ledger was rewritten: it no longer holds event ${head.slice(0, 12)} (${last.event.action} ${last.event.subject} by Alice <alice@example.com>`,
      ),
    ]);
  });
});
