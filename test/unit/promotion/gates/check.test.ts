import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../../src-main/core/promotion/gates/check.js';
import type { RunRecord } from '../../../../src-main/core/promotion/run-store.js';
import { context, iso } from './gate-fixture.js';

const gate = { kind: 'check' as const, name: 'Unit tests', run: 'npm test', timeoutMs: 600_000 };

function run(over: Partial<RunRecord>): RunRecord {
  return {
    id: 1,
    promotionId: 1,
    position: 0,
    kind: 'check',
    name: 'Unit tests',
    command: 'npm test',
    state: 'passed',
    exitCode: 0,
    output: 'ok\n',
    worktree: null,
    pid: null,
    ownerPid: 1,
    startedAt: iso(0),
    finishedAt: iso(3000),
    ...over,
  };
}

const withRun = (over: Partial<RunRecord>) => context({ checkRuns: new Map([[0, run(over)]]) });

describe('the check gate', () => {
  it('waits for the promotion to start before it runs', () => {
    expect(evaluateCheck(gate, 0, context())).toMatchObject({
      state: 'waiting',
      detail: 'runs `npm test` when the promotion starts',
    });
    // A preview never shows a run, whatever the map holds.
    expect(evaluateCheck(gate, 0, { ...withRun({}), promotion: null }).run).toBeUndefined();
  });

  it('passes on exit code 0 and says how long it took, with the output', () => {
    expect(evaluateCheck(gate, 0, withRun({}))).toMatchObject({
      state: 'passed',
      detail: 'exit code 0 after 3.0 s',
      output: 'ok\n',
      run: { state: 'passed', exitCode: 0 },
    });
  });

  it('fails on another exit code or a timeout, and waits while running or interrupted', () => {
    expect(evaluateCheck(gate, 0, withRun({ state: 'failed', exitCode: 2 }))).toMatchObject({
      state: 'failed',
      detail: 'exit code 2 after 3.0 s',
    });
    expect(evaluateCheck(gate, 0, withRun({ state: 'timed-out', exitCode: null }))).toMatchObject({
      state: 'failed',
      detail: 'timed out after 10 min and was stopped',
    });
    expect(evaluateCheck(gate, 0, withRun({ state: 'running', finishedAt: null }))).toMatchObject({
      state: 'waiting',
      detail: 'running `npm test`',
    });
    expect(evaluateCheck(gate, 0, withRun({ state: 'interrupted' })).detail).toMatch(/^interrupted/);
  });

  it('reads the run at its own position only', () => {
    expect(evaluateCheck(gate, 1, withRun({})).state).toBe('waiting');
  });
});
