import { afterEach, describe, expect, it } from 'vitest';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import { syncLedger } from '../../../src-main/core/ledger/sync.js';
import { finishHotfix } from '../../../src-main/core/hotfix/finish-hotfix.js';
import { currentHotfix } from '../../../src-main/core/hotfix/hotfix-scope.js';
import { pickIntoHotfix } from '../../../src-main/core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { pickOntoTrain } from '../../../src-main/core/trains/pick-train.js';
import { shipTrain } from '../../../src-main/core/trains/ship-train.js';
import { trainBoard } from '../../../src-main/core/trains/train-board.js';
import { cancelTrain, decideGoNoGo, freezeTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { TEAM_POLICY, teamSetup } from './team-fixture.js';

const TRAIN_POLICY = `${TEAM_POLICY}trains:
  goNoGo: { approvals: 1 }
`;

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

const MINUTE = 60_000;

describe('trains and hotfixes derived from the shared ledger', () => {
  it('Alice cuts and picks in clone A; Bob sees the train after a sync, fetches its branch, freezes and ships it; Alice sees it shipped', async () => {
    team = teamSetup(TRAIN_POLICY);
    const { alice, bob } = team;
    alice.clone.commit('feat: second feature');
    const { train } = await cutTrain(alice.core, alice.clone.dir);
    const fix = alice.clone.commit('fix: late fix', { 'late.txt': 'fixed\n' });
    team.advance(MINUTE);
    expect((await pickOntoTrain(alice.core, alice.clone.dir, [fix])).picked).toHaveLength(1);
    alice.clone.git('push', '-q', 'origin', 'main', 'release/1.1');
    await syncLedger(alice.core, alice.clone.dir);

    // Bob has the ledger but not yet the branch nor the commit it was cut at: plain words, no crash.
    team.advance(MINUTE);
    await syncLedger(bob.core, bob.clone.dir);
    const unfetched = await trainBoard(bob.core, bob.clone.dir);
    expect(unfetched.train).toMatchObject({
      name: 'train-1.1.0',
      state: 'cut',
      version: '1.1.0',
      branch: 'release/1.1',
      tag: 'v1.1.0',
      cutSha: train.cutSha,
      cutBy: 'Alice <alice@example.com>',
      previousTag: 'v1.0.0',
    });
    expect(unfetched.onBoard).toEqual([]);
    expect(unfetched.picked).toEqual([]);
    expect(unfetched.blocking.slice(0, 2)).toEqual([
      `the cut commit ${train.cutSha!.slice(0, 7)} is not in this clone (git fetch origin)`,
      'branch release/1.1 is not in this clone (git fetch origin release/1.1:release/1.1)',
    ]);
    await expect(freezeTrain(bob.core, bob.clone.dir)).rejects.toThrow(
      'The branch release/1.1 of train-1.1.0 is not in this clone: fetch it (git fetch origin release/1.1:release/1.1) or restore it, or cancel the train.',
    );
    // One train at a time holds across clones too.
    await expect(cutTrain(bob.core, bob.clone.dir)).rejects.toThrow(
      /train-1\.1\.0 is cut: ship or cancel it/,
    );

    bob.clone.git('pull', '-q', '--ff-only', 'origin', 'main');
    bob.clone.git('fetch', '-q', 'origin', 'release/1.1:release/1.1');
    const fetched = await trainBoard(bob.core, bob.clone.dir);
    expect(fetched.onBoard.map((c) => c.subject)).toEqual(['second feature']);
    expect(fetched.picked.map((p) => p.from)).toEqual([fix]);
    expect(fetched.blocking).toEqual(['train is not frozen', '0 of 1 go/no-go approvals']);

    team.advance(MINUTE);
    await freezeTrain(bob.core, bob.clone.dir);
    team.advance(MINUTE);
    await decideGoNoGo(bob.core, bob.clone.dir, 'go', 'ready');
    team.advance(MINUTE);
    const shipped = await shipTrain(bob.core, bob.clone.dir, { push: true });
    expect(shipped).toMatchObject({ tag: 'v1.1.0', pushed: true });
    await syncLedger(bob.core, bob.clone.dir);

    // Alice's own row said "cut": the ledger says frozen, voted and shipped, by Bob.
    await syncLedger(alice.core, alice.clone.dir);
    alice.clone.git('fetch', '-q', 'origin', '--tags');
    const seen = await trainBoard(alice.core, alice.clone.dir);
    expect(seen.train).toMatchObject({
      id: train.id,
      state: 'shipped',
      shippedSha: shipped.sha,
      frozenAt: new Date(Date.parse('2026-03-03T10:00:00Z') + 3 * MINUTE).toISOString(),
    });
    expect(seen.decisions).toEqual([
      expect.objectContaining({
        actor: 'Bob <bob@example.com>',
        decision: 'go',
        comment: 'ready',
        signer: 'bob@example.com',
        current: true,
      }),
    ]);
    expect(seen.blocking).toEqual([]);
    // Alice can cut the next train: the shipped one no longer holds the line.
    alice.clone.commit('feat: third feature');
    team.advance(MINUTE);
    expect((await cutTrain(alice.core, alice.clone.dir)).train.name).toBe('train-1.2.0');
  });

  it('puts back train and vote rows edited or deleted in the database at the next refresh', async () => {
    team = teamSetup(TRAIN_POLICY);
    const { alice } = team;
    alice.clone.commit('feat: second feature');
    await cutTrain(alice.core, alice.clone.dir);
    team.advance(MINUTE);
    await freezeTrain(alice.core, alice.clone.dir);
    team.advance(MINUTE);
    await decideGoNoGo(alice.core, alice.clone.dir, 'go', undefined);
    const db = alice.core.db;
    const rows = () => ({
      trains: db.prepare('SELECT * FROM trains ORDER BY id').all(),
      votes: db.prepare('SELECT actor, decision, comment, sha, at FROM train_decisions ORDER BY id').all(),
    });
    const before = rows();
    expect(before.trains).toHaveLength(1);
    expect(before.votes).toHaveLength(1);

    // Edited to look shipped, and the vote changed: the ledger still says frozen, with a go.
    db.prepare(
      "UPDATE trains SET state = 'shipped', shipped_sha = 'f00d', version = '9.9.9', tag = 'v9.9.9'",
    ).run();
    db.prepare("UPDATE train_decisions SET decision = 'no-go', comment = 'forged'").run();
    const edited = await trainBoard(alice.core, alice.clone.dir);
    expect(edited.train).toMatchObject({
      state: 'frozen',
      version: '1.1.0',
      tag: 'v1.1.0',
      shippedSha: null,
    });
    expect(edited.decisions.map((d) => [d.decision, d.comment])).toEqual([['go', null]]);
    expect(rows()).toEqual(before);

    // Deleted, votes and all: rebuilt (a new row id, the same train).
    db.prepare('DELETE FROM train_decisions').run();
    db.prepare('DELETE FROM trains').run();
    const rebuilt = await trainBoard(alice.core, alice.clone.dir);
    expect(rebuilt.train).toMatchObject({ name: 'train-1.1.0', state: 'frozen' });
    expect(rebuilt.approvalsGiven).toBe(1);
    const strip = (list: unknown[]) => list.map((row) => ({ ...(row as object), id: 0 }));
    expect(strip(rows().trains)).toEqual(strip(before.trains));
    expect(rows().votes).toEqual(before.votes);

    // A row made up from nothing is removed; the cancel that did happen stays.
    team.advance(MINUTE);
    await cancelTrain(alice.core, alice.clone.dir, 'not this week');
    db.prepare(
      `INSERT INTO trains (repo, name, state, version, branch, tag, cut_sha, cut_at, cut_by)
       VALUES (?, 'train-7.0.0', 'cut', '7.0.0', 'release/7.0', 'v7.0.0', 'abc', '2030-01-01T00:00:00.000Z', 'Mallory')`,
    ).run(alice.clone.dir);
    const after = await trainBoard(alice.core, alice.clone.dir);
    expect(after.train).toMatchObject({
      name: 'train-1.1.0',
      state: 'cancelled',
      cancelReason: 'not this week',
    });
    expect(db.prepare('SELECT name FROM trains').pluck().all()).toEqual(['train-1.1.0']);
  });

  it("Alice's hotfix is Bob's after a sync: in progress, then finished with its carries; edited or deleted rows come back", async () => {
    team = teamSetup();
    const { alice, bob } = team;
    const fix = alice.clone.commit('fix: urgent', { 'urgent.txt': 'fixed\n' });
    alice.clone.git('push', '-q', 'origin', 'main');
    team.advance(MINUTE);
    const started = await startHotfix(alice.core, alice.clone.dir, 'v1.0.0');
    await syncLedger(alice.core, alice.clone.dir);

    await syncLedger(bob.core, bob.clone.dir);
    const seen = await currentHotfix(bob.core, bob.clone.dir);
    expect(seen).toMatchObject({
      branch: 'hotfix/1.0.1',
      state: 'started',
      baseTag: 'v1.0.0',
      baseVersion: '1.0.0',
      version: '1.0.1',
      tag: 'v1.0.1',
      startedBy: 'Alice <alice@example.com>',
      startedAt: started.startedAt,
      returnTo: 'main',
      picks: [],
    });
    await expect(startHotfix(bob.core, bob.clone.dir, 'v1.0.0')).rejects.toThrow(
      /Hotfix hotfix\/1\.0\.1 is in progress: finish or abort it first/,
    );

    team.advance(MINUTE);
    await pickIntoHotfix(alice.core, alice.clone.dir, [fix]);
    team.advance(MINUTE);
    const finished = await finishHotfix(alice.core, alice.clone.dir, {});
    await syncLedger(alice.core, alice.clone.dir);
    await syncLedger(bob.core, bob.clone.dir);
    expect(await currentHotfix(bob.core, bob.clone.dir)).toBeNull();
    const columns =
      'base_tag, base_version, base_sha, branch, version, tag, state, return_to, started_by, started_at, finished_at, release_sha, carried';
    const aliceRows = alice.core.db.prepare(`SELECT ${columns} FROM hotfixes`).all();
    expect(bob.core.db.prepare(`SELECT ${columns} FROM hotfixes`).all()).toEqual(aliceRows);
    expect(aliceRows).toEqual([
      expect.objectContaining({ state: 'finished', tag: 'v1.0.1', release_sha: finished.sha }),
    ]);
    expect(JSON.parse((aliceRows[0] as { carried: string }).carried)).toEqual(finished.carried);

    // Bob's rows edited back to "started", then deleted: each refresh puts back what the ledger says.
    bob.core.db.prepare("UPDATE hotfixes SET state = 'started', release_sha = NULL, carried = '[]'").run();
    expect(await currentHotfix(bob.core, bob.clone.dir)).toBeNull();
    bob.core.db.prepare('DELETE FROM hotfixes').run();
    expect(await currentHotfix(bob.core, bob.clone.dir)).toBeNull();
    expect(bob.core.db.prepare(`SELECT ${columns} FROM hotfixes`).all()).toEqual(aliceRows);
  });

  it('reads events recorded before they named the tag, base version or carries', async () => {
    team = teamSetup();
    const { alice } = team;
    const dir = alice.clone.dir;
    const base = alice.clone.git('rev-parse', 'v1.0.0^{commit}');
    const at = (minutes: number) =>
      new Date(Date.parse('2026-03-03T10:00:00Z') + minutes * MINUTE).toISOString();
    const event = (minutes: number, action: string, subject: string, details: Record<string, unknown>) => ({
      sign: false,
      event: {
        v: 1 as const,
        at: at(minutes),
        actor: 'Ada <ada@example.com>',
        action,
        subject,
        details,
        local: null,
        imported: true,
      },
    });
    await appendToLedger(dir, [
      event(1, 'train.cut', 'train-1.1.0', {
        branch: 'release/1.1',
        version: '1.1.0',
        sha: base,
        previousTag: 'v1.0.0',
        scheduledShip: null,
      }),
      event(2, 'hotfix.started', 'hotfix/1.0.1', {
        baseTag: 'v1.0.0',
        sha: base,
        version: '1.0.1',
        returnTo: 'main',
      }),
      event(3, 'hotfix.finished', 'hotfix/1.0.1', {
        tag: 'v1.0.1',
        version: '1.0.1',
        sha: base,
        baseTag: 'v1.0.0',
        picks: [],
      }),
      event(3, 'hotfix.carried', 'v1.0.1', { branch: 'main', status: 'applied', sha: base, files: [] }),
    ]);
    expect((await trainBoard(alice.core, dir)).train).toMatchObject({
      name: 'train-1.1.0',
      tag: 'v1.1.0',
      cutBy: 'Ada <ada@example.com>',
    });
    expect(alice.core.db.prepare('SELECT base_version, tag, state, carried FROM hotfixes').all()).toEqual([
      {
        base_version: '1.0.0',
        tag: 'v1.0.1',
        state: 'finished',
        carried: JSON.stringify([{ branch: 'main', sha: base, status: 'applied', detail: '', files: [] }]),
      },
    ]);
  });
});
