import { formatDuration } from '../../policy/durations.js';
import type { GateEvaluator, LiveStretch } from './context.js';

/** How long the release has been live in total, counting only while it was live. */
function liveFor(stretches: LiveStretch[], now: number): number {
  return stretches.reduce((sum, s) => {
    const end = Math.min(s.until === null ? now : Date.parse(s.until), now);
    return sum + Math.max(0, end - Date.parse(s.from));
  }, 0);
}

/**
 * The release must have been live in the `in` environment for `forMs`. The soak counts only while
 * it is live there: once another release replaces it, the clock stops (and runs again if it
 * comes back).
 */
export const evaluateSoak: GateEvaluator<'soak'> = (gate, _position, ctx) => {
  const base = { kind: 'soak' as const, name: gate.name };
  const stretches = ctx.liveIn[gate.in] ?? [];
  const needs = formatDuration(gate.forMs);
  if (stretches.length === 0) {
    return { ...base, state: 'waiting', detail: `not in ${gate.in} yet: soak of ${needs} starts there` };
  }
  const now = ctx.now.getTime();
  const soaked = liveFor(stretches, now);
  if (soaked >= gate.forMs) {
    return {
      ...base,
      state: 'passed',
      detail: `soaked ${formatDuration(soaked)} in ${gate.in} (needs ${needs})`,
    };
  }
  const last = stretches.at(-1)!;
  if (last.until !== null) {
    return {
      ...base,
      state: 'waiting',
      detail:
        `soak stopped at ${formatDuration(soaked)} of ${needs}: ${last.replacedBy ?? 'another release'} replaced it in ${gate.in}` +
        ' (it counts again only while the release is live there)',
    };
  }
  const left = gate.forMs - soaked;
  return {
    ...base,
    state: 'waiting',
    detail: `soak ends in ${formatDuration(left)} (${needs} in ${gate.in})`,
    opensAt: new Date(now + left).toISOString(),
  };
};
