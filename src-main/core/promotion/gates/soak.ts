import { formatDuration } from '../../policy/durations.js';
import type { PromotionRow } from '../store.js';
import type { GateEvaluator } from './context.js';

/** The release must have succeeded in the `in` environment at least `forMs` ago. */
export const evaluateSoak: GateEvaluator<'soak'> = (gate, _position, ctx) => {
  const base = { kind: 'soak' as const, name: gate.name };
  const arrived = ctx.db
    .prepare(
      `SELECT * FROM promotions WHERE repo = ? AND environment = ? AND sha = ? AND state = 'succeeded'
       ORDER BY finished_at LIMIT 1`,
    )
    .get(ctx.repo, gate.in, ctx.release.sha) as PromotionRow | undefined;
  if (!arrived?.finished_at) {
    return {
      ...base,
      state: 'waiting',
      detail: `not in ${gate.in} yet: soak of ${formatDuration(gate.forMs)} starts there`,
    };
  }
  const ends = Date.parse(arrived.finished_at) + gate.forMs;
  const left = ends - ctx.now.getTime();
  if (left <= 0) {
    const soaked = formatDuration(ctx.now.getTime() - Date.parse(arrived.finished_at));
    return {
      ...base,
      state: 'passed',
      detail: `soaked ${soaked} in ${gate.in} (needs ${formatDuration(gate.forMs)})`,
    };
  }
  return {
    ...base,
    state: 'waiting',
    detail: `soak ends in ${formatDuration(left)} (${formatDuration(gate.forMs)} in ${gate.in})`,
    opensAt: new Date(ends).toISOString(),
  };
};
