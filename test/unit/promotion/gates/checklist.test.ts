import { describe, expect, it } from 'vitest';
import { evaluateChecklist } from '../../../../src-main/core/promotion/gates/checklist.js';
import { context, iso, promotionRecord } from './gate-fixture.js';

const gate = { kind: 'checklist' as const, name: 'Release notes read' };
const tick = {
  id: 1,
  promotionId: 1,
  item: 'Release notes read',
  actor: 'Ada <ada@example.com>',
  note: 'all good',
  at: iso(0),
  auditSeq: 7,
};

describe('the checklist gate', () => {
  it('waits for a tick and lets an identity on an open promotion tick it', () => {
    expect(evaluateChecklist(gate, 0, context())).toMatchObject({
      state: 'waiting',
      detail: 'waiting for someone to tick it',
      canAct: { allowed: true },
    });
  });

  it('passes once ticked, keeping who, when and the note', () => {
    expect(evaluateChecklist(gate, 0, context({ ticks: [tick] }))).toMatchObject({
      state: 'passed',
      detail: `ticked by Ada <ada@example.com> at ${iso(0)}: all good`,
      tick: { by: 'Ada <ada@example.com>', at: iso(0), note: 'all good' },
      canAct: { allowed: false, reason: 'Already ticked.' },
    });
  });

  it('counts only a tick of its own item', () => {
    expect(evaluateChecklist(gate, 0, context({ ticks: [{ ...tick, item: 'Other' }] })).state).toBe(
      'waiting',
    );
  });

  it('says why nobody can tick: no promotion, a finished one, no identity', () => {
    const reason = (over: Parameters<typeof context>[0]) =>
      evaluateChecklist(gate, 0, context(over)).canAct?.reason;
    expect(reason({ promotion: null })).toBe('Promote first: there is no promotion to act on yet.');
    expect(reason({ promotion: promotionRecord({ state: 'failed' }) })).toBe('The promotion is failed.');
    expect(reason({ actorEmail: null })).toMatch(/no committer identity/);
  });
});
