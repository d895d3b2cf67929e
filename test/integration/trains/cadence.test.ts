import { afterEach, describe, expect, it } from 'vitest';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { trainBoard } from '../../../src-main/core/trains/train-board.js';
import { cancelTrain } from '../../../src-main/core/trains/train-lifecycle.js';
import { planTrains } from '../../../src-main/core/trains/train-plan.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

function repoWithCadence(cadence: string, freezeBefore = '2d'): TestRepo {
  const repo = new TestRepo();
  repo.commit('chore: policy', {
    '.release-desk.yml': `trains:\n  cadence: ${cadence}\n  freezeBefore: ${freezeBefore}\n`,
  });
  repo.commit('feat: something');
  return repo;
}

describe('train dates from the cadence', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  function setup(cadence: string, now: Date, freezeBefore?: string) {
    const repo = repoWithCadence(cadence, freezeBefore);
    const clock = { now };
    const core = testCore({ now: () => clock.now });
    cleanups.push(
      () => core.dispose(),
      () => repo.remove(),
    );
    return { repo, core, clock };
  }

  it('keeps 10:00 Berlin across the spring DST change (09:00Z in winter, 08:00Z in summer)', async () => {
    const { repo, core } = setup(
      '{ every: 2w, weekday: tue, at: "10:00", timezone: Europe/Berlin, start: 2026-03-03 }',
      new Date('2026-03-10T12:00:00Z'),
    );
    const plan = await planTrains(core, repo.dir);
    expect(plan.timezone).toBe('Europe/Berlin');
    expect(plan.cadence).toBe('every 14 days on Tue at 10:00 (Europe/Berlin), freeze 2 d before ship');
    expect(plan.next.slice(0, 2)).toEqual([
      {
        cut: '2026-03-03T09:00:00.000Z',
        freeze: '2026-03-15T09:00:00.000Z',
        ship: '2026-03-17T09:00:00.000Z',
        local: { cut: '2026-03-03 10:00', freeze: '2026-03-15 10:00', ship: '2026-03-17 10:00' },
      },
      {
        cut: '2026-03-17T09:00:00.000Z',
        // Ship minus 48 hours lands on the DST night itself, 10:00 local after the change.
        freeze: '2026-03-29T08:00:00.000Z',
        ship: '2026-03-31T08:00:00.000Z',
        local: { cut: '2026-03-17 10:00', freeze: '2026-03-29 10:00', ship: '2026-03-31 10:00' },
      },
    ]);
    // The first ship date, 3 March, passed with no train: late.
    expect(plan.late).toEqual([{ ship: '2026-03-03T09:00:00.000Z', local: '2026-03-03 10:00' }]);
  });

  it('keeps local time across the autumn change and in other zones', async () => {
    const berlin = setup(
      '{ every: 2w, weekday: tue, at: "10:00", timezone: Europe/Berlin, start: 2026-10-13 }',
      new Date('2026-10-01T00:00:00Z'),
    );
    const autumn = await planTrains(berlin.core, berlin.repo.dir);
    expect(autumn.next.slice(0, 2).map((t) => t.ship)).toEqual([
      '2026-10-13T08:00:00.000Z',
      '2026-10-27T09:00:00.000Z',
    ]);

    const newYork = setup(
      '{ every: 1w, weekday: mon, at: "09:00", timezone: America/New_York, start: 2026-03-01 }',
      new Date('2026-02-20T00:00:00Z'),
    );
    const ny = await planTrains(newYork.core, newYork.repo.dir);
    // A start that is a Sunday ships first on the next Monday; US DST starts on 8 March.
    expect(ny.next.map((t) => t.ship)).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-16T13:00:00.000Z',
      '2026-03-23T13:00:00.000Z',
    ]);
    expect(ny.next.map((t) => t.local.ship.slice(11))).toEqual(['09:00', '09:00', '09:00', '09:00']);

    const sydney = setup(
      '{ every: 1w, weekday: fri, at: "16:30", timezone: Australia/Sydney, start: 2026-03-27 }',
      new Date('2026-03-20T00:00:00Z'),
      '1d',
    );
    const syd = await planTrains(sydney.core, sydney.repo.dir);
    // Southern hemisphere: DST ends on 5 April, so the offset goes from +11 to +10.
    expect(syd.next.slice(0, 2).map((t) => t.ship)).toEqual([
      '2026-03-27T05:30:00.000Z',
      '2026-04-03T05:30:00.000Z',
    ]);
    expect(syd.next[2]!.ship).toBe('2026-04-10T06:30:00.000Z');
    expect(syd.next[2]!.local).toEqual({
      cut: '2026-04-03 16:30',
      freeze: '2026-04-09 16:30',
      ship: '2026-04-10 16:30',
    });
  });

  it('shows a cadence date that passed without a cut as late, and a cut train covers its date', async () => {
    const { repo, core, clock } = setup(
      '{ every: 1w, weekday: wed, at: "12:00", timezone: Asia/Kolkata, start: 2026-01-07 }',
      new Date('2026-01-12T00:00:00Z'),
      '1d',
    );
    // Cut before the 14 January ship: it serves that date.
    const { train } = await cutTrain(core, repo.dir);
    expect(train.scheduledShip).toBe('2026-01-14T06:30:00.000Z');
    clock.now = new Date('2026-01-27T00:00:00Z');
    const board = await trainBoard(core, repo.dir);
    // 7 January passed before any train; 21 January's freeze passed with no train cut for it.
    expect(board.plan.late).toEqual([
      { ship: '2026-01-07T06:30:00.000Z', local: '2026-01-07 12:00' },
      { ship: '2026-01-21T06:30:00.000Z', local: '2026-01-21 12:00' },
    ]);
    expect(board.plan.next[0]!.ship).toBe('2026-01-28T06:30:00.000Z');
    // A cancelled train no longer covers its date.
    await cancelTrain(core, repo.dir, undefined);
    expect((await planTrains(core, repo.dir)).late.map((l) => l.local.slice(0, 10))).toEqual([
      '2026-01-07',
      '2026-01-14',
      '2026-01-21',
    ]);
  });

  it('has no dates without a cadence, and trains can still be cut by hand', async () => {
    const repo = new TestRepo();
    const core = testCore();
    cleanups.push(
      () => core.dispose(),
      () => repo.remove(),
    );
    repo.commit('feat: x');
    const plan = await planTrains(core, repo.dir);
    expect(plan).toMatchObject({
      timezone: null,
      cadence: null,
      next: [],
      late: [],
      branchTemplate: 'release/{major}.{minor}',
    });
    const { train } = await cutTrain(core, repo.dir);
    expect(train).toMatchObject({ version: '0.1.0', branch: 'release/0.1', scheduledShip: null });
  });
});
