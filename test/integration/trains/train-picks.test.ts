import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/context.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { pickOntoTrain } from '../../../src-main/core/trains/pick-train.js';
import { trainBoard } from '../../../src-main/core/trains/train-board.js';
import { decideGoNoGo, freezeTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('picking onto a train', () => {
  let repo: TestRepo;
  let core: ReturnType<typeof testCore>;

  beforeEach(() => {
    repo = new TestRepo();
    core = testCore();
    repo.commit('chore: policy', {
      '.release-desk.yml': 'trains:\n  goNoGo: { approvals: 1 }\n',
      'app.txt': 'v1\n',
    });
    repo.tag('v1.0.0');
    repo.commit('feat: cut me', { 'feature.txt': 'f\n' });
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
  });

  it('keeps the good picks, stops at a conflict with its files, and leaves no worktree behind', async () => {
    await cutTrain(core, repo.dir);
    repo.commit('refactor: app', { 'app.txt': 'v2\n' });
    const good = repo.commit('fix: good', { 'good.txt': 'g\n' });
    const clashing = repo.commit('fix: app again', { 'app.txt': 'v3\n' });
    const after = repo.commit('fix: after', { 'after.txt': 'a\n' });

    const outcome = await pickOntoTrain(core, repo.dir, [good, clashing, after]);
    expect(outcome.picked.map((p) => p.from)).toEqual([good]);
    expect(outcome.conflict).toMatchObject({ sha: clashing, files: ['app.txt'] });
    expect(outcome.conflict!.message).toContain('CONFLICT');
    expect(repo.git('rev-parse', 'release/1.1')).toBe(outcome.picked[0]!.to);
    expect(repo.git('show', 'release/1.1:app.txt')).toBe('v1');
    expect(repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    expect(repo.git('status', '--porcelain')).toBe('');
    const event = core.audit.list({ repo: repo.dir, limit: 1 })[0]!;
    expect(event.action).toBe('train.picked');
    expect(event.details.conflict).toMatchObject({ sha: clashing, files: ['app.txt'] });
  });

  it('picks where the release branch is checked out, only on a clean tree', async () => {
    await cutTrain(core, repo.dir);
    const fix = repo.commit('fix: one', { 'one.txt': '1\n' });
    repo.checkout('release/1.1');
    repo.write('feature.txt', 'dirty\n');
    await expect(pickOntoTrain(core, repo.dir, [fix])).rejects.toThrow(
      /release\/1\.1 is checked out at .* with uncommitted changes/,
    );
    repo.git('checkout', '--', 'feature.txt');
    const outcome = await pickOntoTrain(core, repo.dir, [fix]);
    expect(repo.head()).toBe(outcome.picked[0]!.to);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('lets a go lapse when a pick moves the branch, and refuses merge commits', async () => {
    await cutTrain(core, repo.dir);
    await freezeTrain(core, repo.dir);
    let board = await decideGoNoGo(core, repo.dir, 'go', undefined);
    expect(board.blocking).toEqual([]);
    const fix = repo.commit('fix: late', { 'late.txt': 'l\n' });
    await pickOntoTrain(core, repo.dir, [fix]);
    board = await trainBoard(core, repo.dir);
    expect(board.decisions).toEqual([expect.objectContaining({ decision: 'go', current: false })]);
    expect(board.blocking).toEqual(['0 of 1 go/no-go approvals']);
    const other = createCore(core.db, {
      gitEnv: { GIT_COMMITTER_NAME: 'Eve', GIT_COMMITTER_EMAIL: 'eve@example.com' },
    });
    board = await decideGoNoGo(other, repo.dir, 'go', undefined);
    expect(board.blocking).toEqual([]);

    repo.checkout('topic', true);
    repo.commit('fix: on topic', { 'topic.txt': 't\n' });
    repo.checkout('main');
    const merge = repo.merge('topic', 'fix: merge topic');
    await expect(pickOntoTrain(core, repo.dir, [merge])).rejects.toThrow(/is a merge commit/);
  });
});
