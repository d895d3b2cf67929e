import type { Policy, TrainCadence } from '../../../shared/domain/policy.js';
import type { TrainMilestones, TrainPlan } from '../../../shared/domain/trains.js';
import type { TrainDates } from '../policy/cadence.js';
import { cadenceDates, lateTrains } from '../policy/cadence.js';
import { formatDuration } from '../policy/durations.js';
import { wallClockParts, weekdayName } from '../policy/zoned-time.js';
import type { Core } from '../context.js';
import type { Db } from '../store/database.js';
import { trainScope } from './train-scope.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { listTrains } from './train-store.js';

const NEXT_TRAINS = 4;

/** `YYYY-MM-DD HH:MM` as a wall clock in `timeZone` shows `date`. */
export function localTime(date: Date, timeZone: string): string {
  const p = wallClockParts(date, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

function milestones(dates: TrainDates, timeZone: string): TrainMilestones {
  return {
    cut: dates.cut.toISOString(),
    freeze: dates.freeze.toISOString(),
    ship: dates.ship.toISOString(),
    local: {
      cut: localTime(dates.cut, timeZone),
      freeze: localTime(dates.freeze, timeZone),
      ship: localTime(dates.ship, timeZone),
    },
  };
}

function describe(c: TrainCadence, freezeBeforeMs: number): string {
  return (
    `every ${c.everyDays} days on ${weekdayName(c.weekday)} at ${c.at} (${c.timezone}), ` +
    `freeze ${formatDuration(freezeBeforeMs)} before ship`
  );
}

/** The cadence ship date a train cut at `now` serves: the first one still ahead. */
export function scheduledShipFor(policy: Policy, now: Date): string | null {
  const cadence = policy.trains.cadence;
  if (!cadence) return null;
  return cadenceDates(cadence, policy.trains.freezeBeforeMs, now, 1)[0]!.ship.toISOString();
}

/**
 * The timeline: trains cut so far, the next ones from the cadence, and the cadence dates whose
 * freeze passed with no train cut for them (late — never silently skipped).
 */
export function trainPlan(db: Db, repo: string, policy: Policy, now: Date): TrainPlan {
  const { cadence, freezeBeforeMs, branch, goNoGo, freezeAllows } = policy.trains;
  const history = listTrains(db, repo);
  const base = { history, branchTemplate: branch, approvalsRequired: goNoGo.approvals, freezeAllows };
  if (!cadence) return { ...base, timezone: null, cadence: null, next: [], late: [] };
  const handled = history
    .filter((train) => train.state !== 'cancelled' && train.scheduledShip !== null)
    .map((train) => new Date(train.scheduledShip!));
  return {
    ...base,
    timezone: cadence.timezone,
    cadence: describe(cadence, freezeBeforeMs),
    next: cadenceDates(cadence, freezeBeforeMs, now, NEXT_TRAINS).map((dates) =>
      milestones(dates, cadence.timezone),
    ),
    late: lateTrains(cadence, freezeBeforeMs, handled, now).map((ship) => ({
      ship: ship.toISOString(),
      local: localTime(ship, cadence.timezone),
    })),
  };
}

/** The plan for the repository at `path`. */
export async function planTrains(core: Core, path: RepositoryRef): Promise<TrainPlan> {
  const { root, policy } = await trainScope(core, path);
  return trainPlan(core.db, root, policy, core.now());
}
