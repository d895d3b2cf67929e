import type { Train, TrainMilestones, TrainPlan } from '../../../shared/domain/trains.js';

export type Slot = { ship: string; local: string };
/** An upcoming cadence slot no train serves yet: `next` is the first, `cut-due` one whose cut time passed. */
export type SlotState = 'next' | 'planned' | 'cut-due' | 'late';
export type Entry =
  | { kind: 'past'; key: string; at: string; train: Train }
  | { kind: 'late'; key: string; at: string; slots: Slot[] }
  | {
      kind: 'next';
      key: string;
      at: string;
      state: SlotState;
      milestones: TrainMilestones;
    };

/** Late slots shown one by one; older ones fold into a single entry so a long-idle cadence stays readable. */
const LATE_SHOWN = 3;
export const SLOT_BADGE: Record<SlotState, string> = {
  next: 'next',
  planned: 'planned',
  'cut-due': 'cut due',
  late: 'late',
};

/**
 * The timeline's entries in time order: every train cut so far, the late cadence slots (older ones
 * folded), and the upcoming slots no train serves yet, each with its state at `now`.
 */
export function timelineEntries(plan: TrainPlan, now: number): Entry[] {
  // A slot a train was cut for is that train's entry, not a second "next" beside it.
  const served = new Set(
    plan.history.filter((t) => t.state !== 'cancelled' && t.scheduledShip).map((t) => t.scheduledShip!),
  );
  const upcoming = plan.next.filter((m) => !served.has(m.ship));
  const upcomingShips = new Set(upcoming.map((m) => m.ship));
  // A slot whose freeze passed but whose ship is still ahead is both late and next: show it once.
  const late = plan.late.filter((slot) => !upcomingShips.has(slot.ship) && !served.has(slot.ship));
  const lateShips = new Set(plan.late.map((slot) => slot.ship));
  const older = late.slice(0, Math.max(0, late.length - LATE_SHOWN));
  const recent = late.slice(older.length);
  return [
    ...plan.history.map((train): Entry => {
      const at = train.shippedAt ?? train.scheduledShip ?? train.cutAt ?? '';
      return { kind: 'past', key: `train-${train.id}`, at, train };
    }),
    ...(older.length > 0
      ? [{ kind: 'late', key: 'late-older', at: older[0]!.ship, slots: older } as Entry]
      : []),
    ...recent.map((slot): Entry => ({
      kind: 'late',
      key: `late-${slot.ship}`,
      at: slot.ship,
      slots: [slot],
    })),
    ...upcoming.map((m, index): Entry => {
      const state: SlotState = lateShips.has(m.ship)
        ? 'late'
        : Date.parse(m.cut) <= now
          ? 'cut-due'
          : index === 0
            ? 'next'
            : 'planned';
      return { kind: 'next', key: `next-${m.ship}`, at: m.ship, state, milestones: m };
    }),
  ].sort((a, b) => a.at.localeCompare(b.at));
}
