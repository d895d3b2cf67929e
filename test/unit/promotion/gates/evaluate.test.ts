import { describe, expect, it } from 'vitest';
import type { GatePolicy } from '../../../../shared/domain/policy.js';
import { evaluateGates } from '../../../../src-main/core/promotion/gates/evaluate.js';
import type { EnvironmentSnapshot } from '../../../../src-main/core/promotion/snapshot.js';
import { HOUR, context, decision, iso } from './gate-fixture.js';

const gates: GatePolicy[] = [
  { kind: 'check', name: 'Smoke', run: 'true', timeoutMs: 60_000 },
  { kind: 'checklist', name: 'Notes read' },
  {
    kind: 'approval',
    name: 'Approval',
    required: 1,
    approvers: ['bob@example.com'],
    allowSelf: false,
    expiresMs: null,
  },
  { kind: 'soak', name: 'Soak in staging', in: 'staging', forMs: HOUR },
];

function snapshot(over: Partial<EnvironmentSnapshot['environment']> = {}): EnvironmentSnapshot {
  return {
    environment: { name: 'production', gates, hotfixSkip: ['soak'], deploy: null, ...over },
    previous: 'staging',
  };
}

const states = (s: EnvironmentSnapshot, path: { fastTrack: boolean; rollback: boolean }, ctx = context()) =>
  evaluateGates(s, ctx, path).map((g) => `${g.kind}:${g.state}`);

describe('evaluating the gates of a path', () => {
  it('skips the hotfix skips on the hotfix path, never an approval', () => {
    expect(
      states(snapshot({ hotfixSkip: ['soak', 'approval'] }), { fastTrack: true, rollback: false }),
    ).toEqual(['check:waiting', 'checklist:waiting', 'approval:waiting', 'soak:skipped']);
  });

  it('re-checks on a rollback only check, soak and window by default; carried approvals still show', () => {
    const ctx = context({
      carriedApprovals: [decision()],
      liveIn: { staging: [{ from: iso(-2 * HOUR), until: null, replacedBy: null }] },
    });
    const result = evaluateGates(snapshot(), ctx, { fastTrack: false, rollback: true });
    expect(result.map((g) => `${g.kind}:${g.state}`)).toEqual([
      'check:waiting',
      'checklist:skipped',
      'approval:skipped',
      'soak:passed',
    ]);
    expect(result[1]?.detail).toBe('not checked again on a rollback (rollback.recheck: check, soak, window)');
    expect(result[2]?.approvals).toMatchObject([{ approver: 'bob@example.com', counts: true }]);
  });

  it('follows rollback.recheck when the policy sets it', () => {
    expect(
      states(snapshot({ rollbackRecheck: ['checklist'] }), { fastTrack: false, rollback: true }),
    ).toEqual(['check:skipped', 'checklist:waiting', 'approval:skipped', 'soak:skipped']);
  });
});
