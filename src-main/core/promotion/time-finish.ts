import type { GateStatus, PromotionState, TimeFinish } from '../../../shared/domain/promotion.js';

/** What each time gate waits for, in the words the promotion page uses. */
const TIME_REASONS: Record<string, string> = { soak: 'the soak ends', window: 'the window opens' };

/**
 * When time alone finishes this promotion: every gate that still waits is a soak or a window
 * that names when it opens, and the last of those is the moment. Null while a person, a check
 * or a stopped soak is still needed (or nothing waits at all).
 */
export function finishesByItself(gates: GateStatus[]): TimeFinish | null {
  let last: TimeFinish | null = null;
  for (const gate of gates) {
    if (gate.state === 'passed' || gate.state === 'skipped') continue;
    const reason = TIME_REASONS[gate.kind];
    if (gate.state !== 'waiting' || !reason || !gate.opensAt) return null;
    if (!last || Date.parse(gate.opensAt) > Date.parse(last.at)) {
      last = { at: gate.opensAt, gate: gate.name, reason };
    }
  }
  return last;
}

/** When a promotion in this state finishes by itself: only a waiting one does (the page and the board say it). */
export function promotionFinishesAt(
  state: PromotionState | undefined,
  gates: GateStatus[],
): TimeFinish | null {
  return state === 'pending' ? finishesByItself(gates) : null;
}
