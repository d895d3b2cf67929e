import { describe, expect, it } from 'vitest';
import {
  approveRefusal,
  evaluateApproval,
  rejectRefusal,
} from '../../../../src-main/core/promotion/gates/approval-gate.js';
import { HOUR, SHA, context, decision, iso, promotionRecord } from './gate-fixture.js';

const gate = {
  kind: 'approval' as const,
  name: 'Approval',
  required: 2,
  approvers: ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com'],
  allowSelf: false,
  expiresMs: 72 * HOUR,
};
const bob = decision();
const carol = decision({ approver: 'carol@example.com', actor: 'Carol <carol@example.com>' });

describe('the approval gate', () => {
  it('waits on the approvers still eligible, leaving out the release creator', () => {
    expect(evaluateApproval(gate, 0, context({ approvals: [bob] }))).toMatchObject({
      state: 'waiting',
      detail: '1 of 2 approvals — waiting on 1 more approver (alice@example.com or carol@example.com)',
      canAct: { allowed: true },
    });
  });

  it('passes with enough distinct approvers for the commit', () => {
    const status = evaluateApproval(gate, 0, context({ approvals: [bob, bob, carol] }));
    expect(status).toMatchObject({
      state: 'passed',
      detail: '2 of 2 approvals (bob@example.com, carol@example.com)',
    });
  });

  it('does not count an approval for another commit or one that lapsed', () => {
    const other = decision({ sha: 'b'.repeat(40) });
    const old = { ...carol, at: iso(-73 * HOUR) };
    const status = evaluateApproval(gate, 0, context({ approvals: [other, old] }));
    expect(status.state).toBe('waiting');
    expect(status.approvals?.map((a) => a.note)).toEqual([
      `given for commit ${'b'.repeat(12)}, not the release's ${SHA.slice(0, 12)}`,
      'lapsed: older than 3 d',
    ]);
  });

  it('fails on one rejection', () => {
    const no = decision({ decision: 'rejected', comment: 'not yet' });
    expect(evaluateApproval(gate, 0, context({ approvals: [carol, no] }))).toMatchObject({
      state: 'failed',
      detail: 'rejected by Bob <bob@example.com>: not yet',
    });
  });

  it('counts approvals carried into a rollback however old they are', () => {
    const carried = [
      { ...bob, at: iso(-300 * HOUR) },
      { ...carol, at: iso(-300 * HOUR) },
    ];
    const status = evaluateApproval(
      gate,
      0,
      context({ carriedApprovals: carried, promotion: promotionRecord({ rollback: true }) }),
    );
    expect(status.state).toBe('passed');
  });

  it('counts only signed decisions where signing is required', () => {
    const signed = { ...bob, signature: { status: 'G', signer: 'bob@example.com', key: 'k' } };
    const status = evaluateApproval(gate, 0, context({ requireSigned: true, approvals: [signed, carol] }));
    expect(status.detail).toMatch(/^1 of 2 approvals/);
    expect(status.approvals?.[1]?.note).toBe('not signed, and this repository counts only signed decisions');
  });

  it('refuses self-approval and a second approval, but lets a listed creator reject', () => {
    expect(approveRefusal(gate, context({ actorEmail: 'dave@example.com' }))).toMatch(/created this release/);
    expect(approveRefusal(gate, context({ actorEmail: 'ada@example.com' }))).toMatch(/not an approver/);
    expect(approveRefusal(gate, context({ actorEmail: 'bob@example.com', approvals: [bob] }))).toBe(
      'bob@example.com has already approved this promotion.',
    );
    expect(rejectRefusal(gate, context({ actorEmail: 'dave@example.com' }))).toBeNull();
    expect(rejectRefusal(gate, context({ actorEmail: 'mallory@example.com' }))).toMatch(/not an approver/);
  });
});
