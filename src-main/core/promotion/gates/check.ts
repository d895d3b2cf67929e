import { formatDuration, formatElapsed } from '../../policy/durations.js';
import { toCommandRun } from '../run-store.js';
import type { GateEvaluator } from './context.js';

/** A check passes when the latest run of its command at the release commit exited 0. */
export const evaluateCheck: GateEvaluator<'check'> = (gate, position, ctx) => {
  const base = { kind: 'check' as const, name: gate.name };
  const row = ctx.promotion ? ctx.checkRuns.get(position) : undefined;
  if (!row) {
    return { ...base, state: 'waiting', detail: `runs \`${gate.run}\` when the promotion starts` };
  }
  const run = toCommandRun(row);
  const took = row.finishedAt
    ? ` after ${formatElapsed(Date.parse(row.finishedAt) - Date.parse(row.startedAt))}`
    : '';
  const withRun = { ...base, run, output: run.output };
  switch (row.state) {
    case 'running':
      return { ...withRun, state: 'waiting', detail: `running \`${gate.run}\`` };
    case 'passed':
      return { ...withRun, state: 'passed', detail: `exit code 0${took}` };
    case 'failed':
      return { ...withRun, state: 'failed', detail: `exit code ${row.exitCode ?? 'unknown'}${took}` };
    case 'timed-out':
      return {
        ...withRun,
        state: 'failed',
        detail: `timed out after ${formatDuration(gate.timeoutMs)} and was stopped`,
      };
    case 'interrupted':
      return {
        ...withRun,
        state: 'waiting',
        detail: 'interrupted: Release Desk stopped while it ran — promote again to rerun it',
      };
  }
};
