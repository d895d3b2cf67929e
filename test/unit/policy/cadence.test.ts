import { describe, expect, it } from 'vitest';
import type { TrainCadence } from '../../../shared/domain/policy.js';
import { cadenceDates, lateTrains } from '../../../src-main/core/policy/cadence.js';
import { wallClockParts, zonedWallTimeToInstant } from '../../../src-main/core/policy/zoned-time.js';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const berlin: TrainCadence = {
  everyDays: 14,
  weekday: 2,
  at: '10:00',
  timezone: 'Europe/Berlin',
  start: '2026-01-06',
};

describe('zoned time', () => {
  it('converts wall times both ways, in and out of DST', () => {
    expect(zonedWallTimeToInstant(2026, 1, 15, 10, 0, 'Europe/Berlin')).toEqual(at('2026-01-15T09:00:00Z'));
    expect(zonedWallTimeToInstant(2026, 7, 15, 10, 0, 'Europe/Berlin')).toEqual(at('2026-07-15T08:00:00Z'));
    expect(zonedWallTimeToInstant(2026, 7, 15, 10, 0, 'America/New_York')).toEqual(
      at('2026-07-15T14:00:00Z'),
    );
    expect(wallClockParts(at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 3,
      minute: 30,
      second: 0,
      weekday: 0,
    });
  });

  it('takes the earlier of a repeated hour and skips forward over a missing one', () => {
    expect(zonedWallTimeToInstant(2026, 10, 25, 2, 30, 'Europe/Berlin')).toEqual(at('2026-10-25T00:30:00Z'));
    expect(zonedWallTimeToInstant(2026, 3, 29, 2, 30, 'Europe/Berlin')).toEqual(at('2026-03-29T01:30:00Z'));
  });

  it('normalizes overflowing fields like Date.UTC', () => {
    expect(zonedWallTimeToInstant(2026, 12, 32, 24, 0, 'UTC')).toEqual(at('2027-01-02T00:00:00Z'));
  });
});

describe('cadenceDates', () => {
  it('ships every two weeks on Tuesday 10:00 Berlin time with freeze and cut', () => {
    expect(cadenceDates(berlin, 2 * DAY, at('2026-01-01T00:00:00Z'), 3)).toEqual([
      {
        ship: at('2026-01-06T09:00:00Z'),
        freeze: at('2026-01-04T09:00:00Z'),
        cut: at('2025-12-23T09:00:00Z'),
      },
      {
        ship: at('2026-01-20T09:00:00Z'),
        freeze: at('2026-01-18T09:00:00Z'),
        cut: at('2026-01-06T09:00:00Z'),
      },
      {
        ship: at('2026-02-03T09:00:00Z'),
        freeze: at('2026-02-01T09:00:00Z'),
        cut: at('2026-01-20T09:00:00Z'),
      },
    ]);
  });

  it('keeps 10:00 local across the March switch (09:00Z, then 08:00Z)', () => {
    const ships = cadenceDates(berlin, 2 * DAY, at('2026-03-10T00:00:00Z'), 3).map((t) => t.ship);
    expect(ships).toEqual([
      at('2026-03-17T09:00:00Z'),
      at('2026-03-31T08:00:00Z'),
      at('2026-04-14T08:00:00Z'),
    ]);
    expect(ships.map((ship) => ship.getUTCHours())).toEqual([9, 8, 8]);
  });

  it('keeps 10:00 local across the October switch (08:00Z, then 09:00Z)', () => {
    const [first, second] = cadenceDates(berlin, 2 * DAY, at('2026-10-01T00:00:00Z'), 2);
    expect(first).toEqual({
      ship: at('2026-10-13T08:00:00Z'),
      freeze: at('2026-10-11T08:00:00Z'),
      cut: at('2026-09-29T08:00:00Z'),
    });
    expect(second).toEqual({
      ship: at('2026-10-27T09:00:00Z'),
      // The freeze is an exact duration before ship; this one spans the switch.
      freeze: at('2026-10-25T09:00:00Z'),
      cut: at('2026-10-13T08:00:00Z'),
    });
  });

  it('aligns a start that is not on the weekday to the next such weekday', () => {
    const thursdayStart = { ...berlin, start: '2026-01-01' };
    expect(cadenceDates(thursdayStart, 0, at('2025-06-01T00:00:00Z'), 2).map((t) => t.ship)).toEqual([
      at('2026-01-06T09:00:00Z'),
      at('2026-01-20T09:00:00Z'),
    ]);
  });

  it('starts at the first ship at or after `from`', () => {
    expect(cadenceDates(berlin, 0, at('2026-03-31T08:00:00Z'), 1)[0]!.ship).toEqual(
      at('2026-03-31T08:00:00Z'),
    );
    expect(cadenceDates(berlin, 0, at('2026-03-31T08:00:01Z'), 1)[0]!.ship).toEqual(
      at('2026-04-14T08:00:00Z'),
    );
    expect(cadenceDates(berlin, 0, at('2031-05-01T00:00:00Z'), 1)[0]!.ship).toEqual(
      at('2031-05-06T08:00:00Z'),
    );
  });

  it('works in other time zones (weekly Monday 09:00 New York)', () => {
    const weekly: TrainCadence = {
      everyDays: 7,
      weekday: 1,
      at: '09:00',
      timezone: 'America/New_York',
      start: '2026-03-02',
    };
    expect(cadenceDates(weekly, 0, at('2026-03-01T00:00:00Z'), 2).map((t) => t.ship)).toEqual([
      at('2026-03-02T14:00:00Z'),
      at('2026-03-09T13:00:00Z'),
    ]);
  });
});

describe('lateTrains', () => {
  it('lists past trains that were neither cut nor shipped, matching by local day', () => {
    const handled = [at('2026-01-06T09:00:00Z'), at('2026-01-20T15:30:00Z')];
    expect(lateTrains(berlin, 2 * DAY, handled, at('2026-02-10T12:00:00Z'))).toEqual([
      at('2026-02-03T09:00:00Z'),
    ]);
  });

  it('counts a train as late once its freeze has passed without a cut', () => {
    const handled = [at('2026-01-06T09:00:00Z'), at('2026-01-20T09:00:00Z'), at('2026-02-03T09:00:00Z')];
    expect(lateTrains(berlin, 2 * DAY, handled, at('2026-02-15T08:59:00Z'))).toEqual([]);
    expect(lateTrains(berlin, 2 * DAY, handled, at('2026-02-15T09:00:00Z'))).toEqual([
      at('2026-02-17T09:00:00Z'),
    ]);
  });

  it('lists nothing before the cadence starts', () => {
    expect(lateTrains(berlin, 2 * DAY, [], at('2025-12-01T00:00:00Z'))).toEqual([]);
  });
});
