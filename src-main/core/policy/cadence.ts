import type { TrainCadence } from '../../../shared/domain/policy.js';
import { addDays, wallClockParts, zonedWallTimeToInstant } from './zoned-time.js';

/** The milestones of one scheduled train. */
export interface TrainDates {
  ship: Date;
  /** Code freeze: `ship` minus the policy's `freezeBefore`. */
  freeze: Date;
  /** When the train is cut: the ship date of the train before it. */
  cut: Date;
}

const DAY_MS = 86_400_000;

/**
 * Ship date of the k-th train. Computed on the calendar, then converted, so the local time stays
 * put across DST (10:00 Berlin is 09:00Z in winter and 08:00Z in summer).
 */
function shipDates(c: TrainCadence): (k: number) => Date {
  const [year, month, day] = c.start.split('-').map(Number) as [number, number, number];
  const [hour, minute] = c.at.split(':').map(Number) as [number, number];
  // A start that is not on the cadence's weekday ships first on the next such weekday.
  const align = (c.weekday - addDays(year, month, day, 0).weekday + 7) % 7;
  return (k) => zonedWallTimeToInstant(year, month, day + align + k * c.everyDays, hour, minute, c.timezone);
}

function trainAt(shipAt: (k: number) => Date, freezeBeforeMs: number, k: number): TrainDates {
  const ship = shipAt(k);
  return { ship, freeze: new Date(ship.getTime() - freezeBeforeMs), cut: shipAt(k - 1) };
}

/** The first `count` trains of the cadence that ship at or after `from`. */
export function cadenceDates(
  c: TrainCadence,
  freezeBeforeMs: number,
  from: Date,
  count: number,
): TrainDates[] {
  const shipAt = shipDates(c);
  // Jump close to `from`, one period early because DST moves instants by up to an hour or so.
  const periods = (from.getTime() - shipAt(0).getTime()) / (c.everyDays * DAY_MS);
  let k = Math.max(0, Math.floor(periods) - 1);
  while (shipAt(k) < from) k++;
  return Array.from({ length: count }, (_, i) => trainAt(shipAt, freezeBeforeMs, k + i));
}

function localDate(date: Date, timeZone: string): string {
  const p = wallClockParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * Ship dates of trains that are late: their freeze has passed (so, at the latest, their ship date
 * has) and no train was cut or shipped for them. A train matches a given date on the same local
 * day, so a train cut by hand at another hour still counts. Oldest first.
 */
export function lateTrains(
  c: TrainCadence,
  freezeBeforeMs: number,
  shippedOrCutShipDates: Date[],
  now: Date,
): Date[] {
  const shipAt = shipDates(c);
  const handled = new Set(shippedOrCutShipDates.map((date) => localDate(date, c.timezone)));
  const late: Date[] = [];
  for (let k = 0; ; k++) {
    const ship = shipAt(k);
    if (ship.getTime() - freezeBeforeMs > now.getTime()) return late;
    if (!handled.has(localDate(ship, c.timezone))) late.push(ship);
  }
}
