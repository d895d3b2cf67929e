import { describe, expect, it } from 'vitest';
import { evaluateWindowGate } from '../../../../src-main/core/promotion/gates/window.js';
import { context, promotionRecord } from './gate-fixture.js';

const gate = {
  kind: 'window' as const,
  name: 'Freeze window',
  deny: ['Fri 16:00-Mon 08:00'],
  allow: [],
  timezone: 'Europe/Berlin',
};
// Saturday noon in Berlin.
const weekend = new Date('2026-03-07T11:00:00Z');

describe('the window gate', () => {
  it('passes outside a deny window', () => {
    expect(evaluateWindowGate(gate, 0, context())).toMatchObject({
      state: 'passed',
      canAct: { allowed: false, reason: 'The window is open.' },
    });
  });

  it('waits inside a deny window, says when it opens and offers the override', () => {
    const status = evaluateWindowGate(gate, 0, context({ now: weekend }));
    expect(status).toMatchObject({
      state: 'waiting',
      canAct: { allowed: true },
      opensAt: '2026-03-09T07:00:00.000Z',
    });
  });

  it('passes when overridden, naming who and why', () => {
    const windowOverride = { by: 'Ada <ada@example.com>', at: weekend.toISOString(), reason: 'incident 42' };
    const status = evaluateWindowGate(
      gate,
      0,
      context({ now: weekend, promotion: promotionRecord({ windowOverride }) }),
    );
    expect(status).toMatchObject({
      state: 'passed',
      detail: 'overridden by Ada <ada@example.com>: incident 42',
    });
  });

  it('offers no override on a finished promotion', () => {
    const status = evaluateWindowGate(
      gate,
      0,
      context({ now: weekend, promotion: promotionRecord({ state: 'rejected' }) }),
    );
    expect(status.canAct).toEqual({ allowed: false, reason: 'The promotion is rejected.' });
  });
});
