import { describe, expect, it } from 'vitest';
import type { Train, TrainMilestones, TrainPlan } from '../../../shared/domain/trains.js';
import { timelineEntries } from '../../../src-renderer/components/trains/timeline-entries.js';

function slot(ship: string, cut: string): TrainMilestones {
  return {
    cut,
    freeze: ship,
    ship,
    local: { cut: cut.slice(0, 16), freeze: ship.slice(0, 16), ship: ship.slice(0, 16) },
  };
}

const train = (over: Partial<Train>): Train => ({
  id: 1,
  name: 'train-2.1.0',
  state: 'shipped',
  version: '2.1.0',
  branch: 'release/2.1',
  tag: 'v2.1.0',
  cutSha: 'a'.repeat(40),
  previousTag: 'v2.0.0',
  scheduledShip: '2026-03-03T10:00:00.000Z',
  cutAt: '2026-02-24T10:00:00.000Z',
  cutBy: 'Ada',
  frozenAt: '2026-03-01T10:00:00.000Z',
  shippedAt: '2026-03-03T10:05:00.000Z',
  shippedSha: 'b'.repeat(40),
  cancelledAt: null,
  cancelReason: null,
  ...over,
});

function plan(over: Partial<TrainPlan>): TrainPlan {
  return {
    timezone: 'UTC',
    cadence: 'every 14 days',
    next: [],
    late: [],
    history: [],
    branchTemplate: 'release/{major}.{minor}',
    approvalsRequired: 1,
    freezeAllows: ['fix'],
    ...over,
  };
}

describe('the train timeline', () => {
  it('gives each upcoming slot its own state, and a slot a train serves is that train', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    const entries = timelineEntries(
      plan({
        history: [
          train({}),
          train({
            id: 2,
            name: 'train-2.2.0',
            state: 'frozen',
            version: '2.2.0',
            tag: 'v2.2.0',
            scheduledShip: '2026-03-17T10:00:00.000Z',
            shippedAt: null,
            shippedSha: null,
          }),
        ],
        next: [
          slot('2026-03-17T10:00:00.000Z', '2026-03-10T10:00:00.000Z'),
          slot('2026-03-31T10:00:00.000Z', '2026-03-24T10:00:00.000Z'),
          slot('2026-04-14T10:00:00.000Z', '2026-04-07T10:00:00.000Z'),
        ],
      }),
      now,
    );
    expect(
      entries.map((e) =>
        e.kind === 'next'
          ? `${e.at.slice(0, 10)} ${e.state}`
          : e.kind === 'past'
            ? `${e.train.version} ${e.train.state}`
            : e.kind,
      ),
    ).toEqual(['2.1.0 shipped', '2.2.0 frozen', '2026-03-31 next', '2026-04-14 planned']);
  });

  it('says "cut due" for a slot whose cut passed with no train, and "late" once its freeze passed', () => {
    const now = Date.parse('2026-03-12T12:00:00Z');
    const entries = timelineEntries(
      plan({
        next: [
          slot('2026-03-17T10:00:00.000Z', '2026-03-10T10:00:00.000Z'),
          slot('2026-03-31T10:00:00.000Z', '2026-03-24T10:00:00.000Z'),
        ],
        late: [{ ship: '2026-03-03T10:00:00.000Z', local: '2026-03-03 10:00' }],
      }),
      now,
    );
    expect(entries.map((e) => (e.kind === 'next' ? e.state : e.kind))).toEqual([
      'late',
      'cut-due',
      'planned',
    ]);
  });
});
