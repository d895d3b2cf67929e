import { rmSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { closeCore, createCore } from '../../../src-main/core/context.js';
import type { Core } from '../../../src-main/core/context.js';
import { currentHotfix } from '../../../src-main/core/hotfix/hotfix-scope.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { openRepository } from '../../../src-main/core/repository/open-repository.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { DATABASE_FILE, openDatabase } from '../../../src-main/core/store/database.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { trainBoard } from '../../../src-main/core/trains/train-board.js';
import { decideGoNoGo, freezeTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { captureIo } from '../../support/cli-io.js';
import { tempDir } from '../../support/git-fixture.js';
import { approvalGate, TEAM_POLICY, teamSetup } from './team-fixture.js';

let team: ReturnType<typeof teamSetup>;
let dataDir = '';
afterEach(async () => {
  await team?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const NOTICE = /was empty \(0 bytes\), so it was replaced by a new state database/;

describe('a truncated state database', () => {
  it('is replaced, said once, and rebuilt from the ledger with promotions, approvals, trains and hotfixes intact', async () => {
    team = teamSetup(`${TEAM_POLICY}trains:\n  goNoGo: { approvals: 1 }\n`);
    const { alice } = team;
    const dir = alice.clone.dir;
    dataDir = tempDir('release-desk-data-');
    const open = (): Core =>
      createCore(openDatabase(dataDir), {
        now: () => team.clock.now,
        gitEnv: { GIT_COMMITTER_NAME: 'Alice', GIT_COMMITTER_EMAIL: 'alice@example.com' },
      });
    const tick = () => team.advance(60_000);
    let core = open();
    await promote(core, dir, '1.0.0', 'production');
    tick();
    await approve(core, dir, '1.0.0', 'production');
    alice.clone.commit('feat: second feature');
    tick();
    await cutTrain(core, dir);
    tick();
    await freezeTrain(core, dir);
    tick();
    await decideGoNoGo(core, dir, 'go', 'looks good');
    tick();
    await startHotfix(core, dir, 'v1.0.0');
    const withoutId = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), id: 0 }));
    const snapshot = (db: Core['db']) => ({
      promotions: db
        .prepare('SELECT environment, version, tag, sha, attempt, state, policy_hash FROM promotions')
        .all(),
      trains: withoutId(db.prepare('SELECT * FROM trains').all()),
      votes: db.prepare('SELECT actor, decision, comment, sha, at FROM train_decisions').all(),
      hotfixes: withoutId(db.prepare('SELECT * FROM hotfixes').all()),
    });
    const before = snapshot(core.db);
    expect(before.trains).toHaveLength(1);
    expect(before.hotfixes).toHaveLength(1);
    await closeCore(core);

    truncateSync(path.join(dataDir, DATABASE_FILE), 0);
    // The CLI says so on stderr, once, and answers from the rebuilt state.
    const io = captureIo();
    expect(await runCli(['train', 'status', '--repo', dir, '--json', '--data-dir', dataDir], io.io)).toBe(0);
    expect(io.stderr().match(new RegExp(NOTICE.source, 'g'))).toHaveLength(1);
    expect(JSON.parse(io.stdout())).toMatchObject({ train: 'train-1.1.0', state: 'frozen' });

    core = open();
    try {
      const gate = await approvalGate(core, dir);
      expect(gate.detail).toMatch(/^1 of 2 approvals/);
      expect(gate.approvals).toEqual([
        expect.objectContaining({ approver: 'alice@example.com', signer: 'alice@example.com', counts: true }),
      ]);
      const board = await trainBoard(core, dir);
      expect(board.approvalsGiven).toBe(1);
      expect(board.decisions[0]).toMatchObject({ comment: 'looks good', signer: 'alice@example.com' });
      expect(await currentHotfix(core, dir)).toMatchObject({ branch: 'hotfix/1.0.1', state: 'started' });
      expect(snapshot(core.db)).toEqual(before);
    } finally {
      await closeCore(core);
    }

    // In the app the notice comes with the first repository opened.
    truncateSync(path.join(dataDir, DATABASE_FILE), 0);
    core = open();
    try {
      const opened = await openRepository(core, dir);
      expect(opened.warnings).toEqual([expect.stringMatching(NOTICE)]);
      expect((await openRepository(core, dir)).warnings).toEqual([]);
      expect((await trainBoard(core, dir)).train).toMatchObject({ name: 'train-1.1.0', state: 'frozen' });
    } finally {
      await closeCore(core);
    }
  });
});
