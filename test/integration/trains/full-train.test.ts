import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/context.js';
import { DeskError } from '../../../src-main/core/errors.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { pickOntoTrain, trainCandidates } from '../../../src-main/core/trains/pick-train.js';
import { shipTrain } from '../../../src-main/core/trains/ship-train.js';
import { trainBoard } from '../../../src-main/core/trains/train-board.js';
import { cancelTrain, decideGoNoGo, freezeTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

const POLICY = `trains:
  branch: "release/{major}.{minor}"
  goNoGo: { approvals: 2 }
`;

describe('a full release train', () => {
  let repo: TestRepo;
  let core: ReturnType<typeof testCore>;

  beforeEach(() => {
    repo = new TestRepo();
    core = testCore({ now: () => new Date('2026-02-03T09:00:00Z') });
    repo.commit('chore: policy', { '.release-desk.yml': POLICY });
    repo.commit('feat: first feature');
    repo.tag('v1.0.0');
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
  });

  it('cuts, refuses a feat once frozen, picks a fix, collects approvals and ships a tag on the branch', async () => {
    const onBoardFeat = repo.commit('feat(api): add search');
    const onBoardFix = repo.commit('fix: handle empty input');
    const { train, sha } = await cutTrain(core, repo.dir);
    expect(sha).toBe(repo.head());
    expect(train).toMatchObject({
      name: 'train-1.1.0',
      state: 'cut',
      version: '1.1.0',
      branch: 'release/1.1',
      tag: 'v1.1.0',
      cutSha: sha,
      previousTag: 'v1.0.0',
    });
    expect(repo.git('rev-parse', 'release/1.1')).toBe(sha);
    // The user's checkout did not move.
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main');

    const lateFeat = repo.commit('feat: after the cut', { 'late.txt': 'late\n' });
    const lateFix = repo.commit('fix: crash on start', { 'crash.txt': 'fixed\n' });
    const lateDocs = repo.commit('docs: readme');

    await expect(cutTrain(core, repo.dir)).rejects.toThrow(/train-1\.1\.0 is cut: ship or cancel it/);

    let board = await trainBoard(core, repo.dir);
    expect(board.onBoard.map((c) => c.sha)).toEqual([onBoardFix, onBoardFeat]);
    expect(board.missed.map((c) => c.sha)).toEqual([lateDocs, lateFix, lateFeat]);
    expect(board.blocking).toEqual(['train is not frozen', '0 of 2 go/no-go approvals']);

    await freezeTrain(core, repo.dir);
    const refusal = await pickOntoTrain(core, repo.dir, [lateFeat]).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DeskError);
    expect((refusal as DeskError).code).toBe('pick-not-allowed');
    expect((refusal as DeskError).message).toContain(`${lateFeat.slice(0, 7)} "after the cut" is a feat`);
    expect(repo.git('rev-parse', 'release/1.1')).toBe(sha);

    const candidates = await trainCandidates(core, repo.dir, {});
    expect(candidates.map((c) => [c.sha, c.allowed])).toEqual([
      [lateDocs, false],
      [lateFix, true],
      [lateFeat, false],
    ]);
    expect((await trainCandidates(core, repo.dir, { types: ['fix'] })).map((c) => c.sha)).toEqual([lateFix]);

    const outcome = await pickOntoTrain(core, repo.dir, [lateFix.slice(0, 10)]);
    expect(outcome.conflict).toBeNull();
    expect(outcome.picked).toHaveLength(1);
    expect(outcome.picked[0]).toMatchObject({ from: lateFix, type: 'fix', subject: 'crash on start' });
    const pickedSha = outcome.picked[0]!.to;
    expect(repo.git('rev-parse', 'release/1.1')).toBe(pickedSha);
    expect(repo.git('log', '-1', '--format=%B', pickedSha)).toContain(
      `(cherry picked from commit ${lateFix})`,
    );
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(repo.git('status', '--porcelain')).toBe('');

    // Picking it again is a no-op, reported as skipped.
    const again = await pickOntoTrain(core, repo.dir, [lateFix]);
    expect(again.picked).toEqual([]);
    expect(again.skipped[0]?.reason).toMatch(/already on release\/1\.1/);

    board = await trainBoard(core, repo.dir);
    expect(board.missed.map((c) => c.sha)).toEqual([lateDocs, lateFeat]);
    expect(board.picked.map((p) => ({ from: p.from, to: p.to }))).toEqual([{ from: lateFix, to: pickedSha }]);

    await expect(shipTrain(core, repo.dir, {})).rejects.toThrow(
      /cannot ship yet: 0 of 2 go\/no-go approvals/,
    );
    board = await decideGoNoGo(core, repo.dir, 'go', undefined);
    expect(board.blocking).toEqual(['1 of 2 go/no-go approvals']);
    // The same person again does not count twice.
    board = await decideGoNoGo(core, repo.dir, 'go', 'still fine');
    expect(board.approvalsGiven).toBe(1);
    const bob = createCore(core.db, {
      now: core.now,
      gitEnv: { GIT_COMMITTER_NAME: 'Bob Ops', GIT_COMMITTER_EMAIL: 'bob@example.com' },
    });
    board = await decideGoNoGo(bob, repo.dir, 'no-go', 'wait for QA');
    expect(board.blocking).toEqual([
      '1 of 2 go/no-go approvals',
      'no-go from Bob Ops <bob@example.com>: wait for QA',
    ]);
    board = await decideGoNoGo(bob, repo.dir, 'go', undefined);
    expect(board.blocking).toEqual([]);

    const shipped = await shipTrain(core, repo.dir, {});
    expect(shipped).toMatchObject({ tag: 'v1.1.0', version: '1.1.0', pushed: false });
    expect(shipped.train.state).toBe('shipped');
    expect(repo.git('rev-parse', 'v1.1.0^{commit}')).toBe(shipped.sha);
    expect(repo.git('rev-parse', 'release/1.1')).toBe(shipped.sha);
    expect(repo.git('merge-base', '--is-ancestor', pickedSha, 'v1.1.0')).toBe('');
    expect(repo.git('cat-file', '-t', 'v1.1.0')).toBe('tag');
    const changelog = repo.git('show', 'release/1.1:CHANGELOG.md');
    expect(changelog).toContain('1.1.0');
    expect(changelog).toContain('add search');
    expect(changelog).toContain('crash on start');
    expect(changelog).not.toContain('first feature');
    expect(changelog).not.toContain('after the cut');
    expect(shipped.changelog).toContain('crash on start');
    // Main and the user's checkout are untouched by the ship.
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(repo.head()).toBe(lateDocs);
    expect(repo.git('status', '--porcelain')).toBe('');

    board = await trainBoard(core, repo.dir);
    expect(board.train?.state).toBe('shipped');
    expect(board.blocking).toEqual([]);

    const actions = core.audit
      .list({ repo: repo.dir })
      .map((e) => e.action)
      .reverse();
    expect(actions).toEqual([
      'train.cut',
      'train.frozen',
      'train.picked',
      'train.picked',
      'train.approved',
      'train.approved',
      'train.no-go',
      'train.approved',
      // Shipping releases from a temporary worktree, but the records name the repository itself.
      'release.overridden',
      'release.created',
      'train.shipped',
    ]);
    const shippedEvent = core.audit.list({ limit: 1 })[0]!;
    expect(shippedEvent.details).toMatchObject({ tag: 'v1.1.0', sha: shipped.sha, branch: 'release/1.1' });
    expect(core.audit.list().some((e) => e.action === 'release.created' && e.subject === 'v1.1.0')).toBe(
      true,
    );
    expect(core.audit.verify()).toMatchObject({ ok: true });
  });

  it('cuts the next train above a version shipped on a release branch, and cancels', async () => {
    repo.commit('feat: one');
    await cutTrain(core, repo.dir);
    await freezeTrain(core, repo.dir);
    await decideGoNoGo(core, repo.dir, 'go', undefined);
    await decideGoNoGo(
      createCore(core.db, { gitEnv: { GIT_COMMITTER_NAME: 'Bob', GIT_COMMITTER_EMAIL: 'b@x' } }),
      repo.dir,
      'go',
      undefined,
    );
    await shipTrain(core, repo.dir, {});
    repo.commit('fix: small');
    const { train } = await cutTrain(core, repo.dir);
    expect(train).toMatchObject({ version: '1.2.0', branch: 'release/1.2', previousTag: 'v1.1.0' });
    const board = await trainBoard(core, repo.dir);
    expect(board.onBoard.map((c) => c.subject)).toEqual(['small']);
    const cancelled = await cancelTrain(core, repo.dir, 'no longer needed');
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'no longer needed' });
    await expect(freezeTrain(core, repo.dir)).rejects.toThrow(/train-1\.2\.0, is cancelled/);
    // A cut behind a release made from main would ship less than that release.
    await expect(cutTrain(core, repo.dir, repo.git('rev-parse', 'v1.0.0~1'))).rejects.toThrow(
      /v1\.0\.0 was released from a later commit of main/,
    );
  });
});
