import { cannotActReason } from './context.js';
import type { GateEvaluator } from './context.js';

/** A checklist item passes once a person ticks it; who, when and their note are kept. */
export const evaluateChecklist: GateEvaluator<'checklist'> = (gate, _position, ctx) => {
  const base = { kind: 'checklist' as const, name: gate.name };
  const tick = ctx.ticks.find((t) => t.item === gate.name);
  if (tick) {
    const note = tick.note ? `: ${tick.note}` : '';
    return {
      ...base,
      state: 'passed',
      detail: `ticked by ${tick.actor} at ${tick.at}${note}`,
      tick: { by: tick.actor, at: tick.at, note: tick.note },
      canAct: { allowed: false, reason: 'Already ticked.' },
    };
  }
  const refusal = cannotActReason(ctx);
  return {
    ...base,
    state: 'waiting',
    detail: 'waiting for someone to tick it',
    canAct: refusal ? { allowed: false, reason: refusal } : { allowed: true },
  };
};
