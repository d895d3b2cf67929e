import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { shipTrain } from '../../../src-main/core/trains/ship-train.js';
import { trainBoard } from '../../../src-main/core/trains/train-board.js';
import { decideGoNoGo, freezeTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('the board of a shipped train', () => {
  let repo: TestRepo;
  let core: ReturnType<typeof testCore>;
  beforeEach(() => {
    repo = new TestRepo();
    // The fixture's commits are dated from 2026-01-05 09:00, a minute apart: the ship comes after them.
    core = testCore({ now: () => new Date('2026-01-05T10:00:00Z') });
    repo.commit('chore: policy', { '.release-desk.yml': 'trains:\n  goNoGo: { approvals: 1 }\n' });
    repo.commit('feat: first feature');
    repo.tag('v1.0.0');
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
  });

  it('keeps the go that shipped it and stops counting commits as missed after the ship', async () => {
    repo.commit('feat(api): add search');
    await cutTrain(core, repo.dir);
    const missedBeforeShip = repo.commit('feat: after the cut');
    await freezeTrain(core, repo.dir);
    await decideGoNoGo(core, repo.dir, 'go', 'looks good');
    await shipTrain(core, repo.dir, {});

    repo.write('later.txt', 'later\n');
    repo.git('add', '-A');
    repo.gitWithEnv(
      { GIT_COMMITTER_DATE: '1767614400 +0000', GIT_AUTHOR_DATE: '1767614400 +0000' },
      'commit',
      '-q',
      '-m',
      'feat: the next train',
    );

    const board = await trainBoard(core, repo.dir);
    expect(board.train).toMatchObject({ state: 'shipped', tag: 'v1.1.0' });
    expect(board.missed.map((c) => c.sha)).toEqual([missedBeforeShip]);
    expect(board.decisions).toMatchObject([{ decision: 'go', current: true, comment: 'looks good' }]);
    expect(board.approvalsGiven).toBe(1);
    expect(board.blocking).toEqual([]);
  });
});
