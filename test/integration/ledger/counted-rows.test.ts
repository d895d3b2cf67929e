import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import { refreshLocalLedger } from '../../../src-main/core/ledger/local-ledger.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { teamSetup } from './team-fixture.js';

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

interface Gates {
  environment: { gates: { kind: string }[] };
}

/** The attack of issue 13 on the promotion's row: its stored policy loses the approval gate. */
function dropApprovalGate(policyJson: string): string {
  const policy = JSON.parse(policyJson) as Gates;
  policy.environment.gates = policy.environment.gates.filter((gate) => gate.kind !== 'approval');
  return JSON.stringify(policy);
}

/** Alice's promotion into production, read into the index, whose start row then lost its approval gate. */
async function startRowWithoutApproval() {
  team = teamSetup();
  const { alice } = team;
  await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
  // The start event appended and read into the index.
  await refreshLocalLedger(alice.core, alice.clone.dir);
  const { db } = alice.core;
  const row = db.prepare('SELECT id, policy_json FROM promotions').get() as {
    id: number;
    policy_json: string;
  };
  db.prepare('UPDATE promotions SET policy_json = ? WHERE id = ?').run(
    dropApprovalGate(row.policy_json),
    row.id,
  );
  return { alice, db, row };
}

describe('the index rows that count, checked at every refresh', () => {
  it("puts the start policy back from git when the index's start row was edited the same way", async () => {
    const { alice, db, row } = await startRowWithoutApproval();
    // The index's copy of the start event is edited to agree: only git's copy still has the gate.
    const start = db
      .prepare("SELECT commit_sha, details FROM ledger_events WHERE action = 'promotion.started'")
      .get() as { commit_sha: string; details: string };
    const details = JSON.parse(start.details) as { policy: Gates };
    details.policy = JSON.parse(dropApprovalGate(JSON.stringify(details.policy))) as Gates;
    db.prepare('UPDATE ledger_events SET details = ? WHERE commit_sha = ?').run(
      JSON.stringify(details),
      start.commit_sha,
    );

    const again = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(again.promotion?.state).toBe('pending');
    expect(again.gates.map((gate) => gate.kind)).toEqual(['approval']);
    const restored = db.prepare('SELECT policy_json FROM promotions WHERE id = ?').get(row.id) as {
      policy_json: string;
    };
    expect(restored.policy_json).toContain('"approval"');
  });

  it("reads the start from git when the index's start row was deleted", async () => {
    const { alice, db } = await startRowWithoutApproval();
    expect(db.prepare("DELETE FROM ledger_events WHERE action = 'promotion.started'").run().changes).toBe(1);

    const again = await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(again.gates.map((gate) => gate.kind)).toEqual(['approval']);
  });

  it('keeps the index where clones with skewed clocks wrote the ledger (dates out of order)', async () => {
    team = teamSetup();
    const { alice } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    // Another clone's events, written with a clock a day behind: older dates on newer commits,
    // which a walk by date gives up on before it reaches the start event.
    const behind = (n: number) => ({
      sign: false,
      event: {
        v: 1 as const,
        at: new Date(team.clock.now.getTime() - 86_400_000 + n * 1000).toISOString(),
        actor: 'Carol <carol@example.com>',
        action: 'note.written',
        subject: `note ${n}`,
        details: { n },
        local: null,
        imported: false,
      },
    });
    await appendToLedger(
      alice.clone.dir,
      Array.from({ length: 12 }, (_, n) => behind(n)),
    );
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    // A process of its own (the next CLI call): it has read none of the ledger's commits itself.
    vi.resetModules();
    const next = await import('../../../src-main/core/promotion/promote.js');
    const trace = path.join(alice.core.dataDir, 'trace');
    process.env.GIT_TRACE = trace;
    try {
      await next.promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    } finally {
      delete process.env.GIT_TRACE;
    }
    // The index is intact: not dropped and read again whole (a `git log` of the whole ledger).
    const reads = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((line) => line.includes('built-in: git log') && line.includes('%P') && !line.includes('^'));
    expect(reads).toEqual([]);
  });
});
