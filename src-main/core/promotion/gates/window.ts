import { evaluateWindow } from '../../policy/windows.js';
import { cannotActReason } from './context.js';
import type { GateEvaluator } from './context.js';

/** Closed inside a deny window (or outside every allow window) unless overridden with a reason. */
export const evaluateWindowGate: GateEvaluator<'window'> = (gate, _position, ctx) => {
  const base = { kind: 'window' as const, name: gate.name };
  const override = ctx.promotion?.windowOverride ?? null;
  if (override) {
    return {
      ...base,
      state: 'passed',
      detail: `overridden by ${override.by}: ${override.reason}`,
      canAct: { allowed: false, reason: 'Already overridden.' },
    };
  }
  const verdict = evaluateWindow(gate, ctx.now);
  if (verdict.open) {
    return {
      ...base,
      state: 'passed',
      detail: verdict.reason,
      canAct: { allowed: false, reason: 'The window is open.' },
    };
  }
  const refusal = cannotActReason(ctx);
  return {
    ...base,
    state: 'waiting',
    detail: verdict.reason,
    canAct: refusal ? { allowed: false, reason: refusal } : { allowed: true },
    ...(verdict.opensAt ? { opensAt: verdict.opensAt.toISOString() } : {}),
  };
};
