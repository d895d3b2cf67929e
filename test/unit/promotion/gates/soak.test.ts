import { describe, expect, it } from 'vitest';
import { evaluateSoak } from '../../../../src-main/core/promotion/gates/soak.js';
import { HOUR, context, iso } from './gate-fixture.js';

const gate = { kind: 'soak' as const, name: 'Soak in staging', in: 'staging', forMs: 24 * HOUR };

describe('the soak gate', () => {
  it('waits until the release is in the soak environment', () => {
    expect(evaluateSoak(gate, 0, context())).toEqual({
      kind: 'soak',
      name: 'Soak in staging',
      state: 'waiting',
      detail: 'not in staging yet: soak of 1 d starts there',
    });
  });

  it('counts while the release is live there and says when it ends', () => {
    const status = evaluateSoak(
      gate,
      0,
      context({ liveIn: { staging: [{ from: iso(-10 * HOUR), until: null, replacedBy: null }] } }),
    );
    expect(status).toMatchObject({
      state: 'waiting',
      detail: 'soak ends in 14 h (1 d in staging)',
      opensAt: iso(14 * HOUR),
    });
  });

  it('passes once it was live long enough, even if replaced since', () => {
    const liveIn = { staging: [{ from: iso(-48 * HOUR), until: iso(-20 * HOUR), replacedBy: 'v1.3.0' }] };
    expect(evaluateSoak(gate, 0, context({ liveIn }))).toMatchObject({
      state: 'passed',
      detail: 'soaked 1 d 4 h in staging (needs 1 d)',
    });
  });

  it('stops counting when another release replaces it, and names that release', () => {
    const liveIn = { staging: [{ from: iso(-30 * HOUR), until: iso(-27 * HOUR), replacedBy: 'v1.3.0' }] };
    const status = evaluateSoak(gate, 0, context({ liveIn }));
    expect(status.state).toBe('waiting');
    expect(status.detail).toMatch(/^soak stopped at 3 h of 1 d: v1\.3\.0 replaced it in staging/);
    expect(status.opensAt).toBeUndefined();
  });

  it('adds up the stretches when the release came back (a rollback)', () => {
    const liveIn = {
      staging: [
        { from: iso(-40 * HOUR), until: iso(-30 * HOUR), replacedBy: 'v1.3.0' },
        { from: iso(-14 * HOUR), until: null, replacedBy: null },
      ],
    };
    expect(evaluateSoak(gate, 0, context({ liveIn }))).toMatchObject({
      state: 'passed',
      detail: 'soaked 1 d in staging (needs 1 d)',
    });
  });
});
