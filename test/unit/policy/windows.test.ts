import { describe, expect, it } from 'vitest';
import { evaluateWindow, parseWindowSpec } from '../../../src-main/core/policy/windows.js';

const berlin = (deny: string[], allow: string[] = []) => ({ deny, allow, timezone: 'Europe/Berlin' });
const newYork = (deny: string[], allow: string[] = []) => ({ deny, allow, timezone: 'America/New_York' });
const at = (iso: string) => new Date(iso);
const WEEKEND = 'Fri 16:00-Mon 08:00';

describe('parseWindowSpec', () => {
  it('reads the four forms', () => {
    expect(parseWindowSpec(WEEKEND)).toEqual({
      kind: 'weekly',
      segments: [{ weekday: 5, startMinute: 960, endDays: 3, endMinute: 480 }],
    });
    expect(parseWindowSpec('mon-WEDNESDAY 08:00-18:00')).toEqual({
      kind: 'weekly',
      segments: [1, 2, 3].map((weekday) => ({ weekday, startMinute: 480, endDays: 0, endMinute: 1080 })),
    });
    expect(parseWindowSpec('Sat-Sun')).toEqual({
      kind: 'weekly',
      segments: [6, 0].map((weekday) => ({ weekday, startMinute: 0, endDays: 1, endMinute: 0 })),
    });
    expect(parseWindowSpec('Sat')).toEqual({
      kind: 'weekly',
      segments: [{ weekday: 6, startMinute: 0, endDays: 1, endMinute: 0 }],
    });
    expect(parseWindowSpec('2026-12-24 00:00-2026-12-27 24:00')).toEqual({
      kind: 'absolute',
      from: { year: 2026, month: 12, day: 24, minute: 0 },
      to: { year: 2026, month: 12, day: 27, minute: 1440 },
    });
  });

  it.each([
    ['Fri 16:00', /is not a window/],
    ['Funday', /"Funday" is not a weekday/],
    ['Mon-Fri 08:00-25:00', /"25:00" is not a time of day/],
    ['Mon 24:00-Tue 08:00', /"24:00" is not a time of day/],
    ['2026-02-30 00:00-2026-03-01 00:00', /2026-02-30 is not a calendar date/],
    ['2026-03-01 00:00-2026-02-01 00:00', /ends before it starts/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseWindowSpec(spec)).toThrow(message);
  });
});

describe('evaluateWindow', () => {
  it('is closed inside a deny window until it ends', () => {
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-01-10T12:00:00Z'))).toEqual({
      open: false,
      reason: 'freeze window "Fri 16:00-Mon 08:00" ends Mon 08:00',
      opensAt: at('2026-01-12T07:00:00Z'),
    });
  });

  it('is open outside deny windows, with the start inclusive and the end exclusive', () => {
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-01-07T12:00:00Z'))).toEqual({
      open: true,
      reason: 'outside every freeze window',
      opensAt: null,
    });
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-01-09T14:59:59Z')).open).toBe(true);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-01-09T15:00:00Z')).open).toBe(false);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-01-12T06:59:59Z')).open).toBe(false);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-01-12T07:00:00Z')).open).toBe(true);
  });

  it('handles windows that wrap over the end of the week', () => {
    // Saturday → Sunday crosses the week's index wrap (6 → 0).
    const gate = berlin(['Sat 20:00-Sun 04:00']);
    const state = evaluateWindow(gate, at('2026-01-11T00:30:00Z'));
    expect(state).toMatchObject({ open: false, opensAt: at('2026-01-11T03:00:00Z') });
    expect(evaluateWindow(gate, at('2026-01-10T18:59:00Z')).open).toBe(true);
    // A same-day range ending before it starts spans almost the whole week.
    const nearlyWeek = berlin(['Wed 10:00-Wed 08:00']);
    expect(evaluateWindow(nearlyWeek, at('2026-01-12T12:00:00Z')).opensAt).toEqual(
      at('2026-01-14T07:00:00Z'),
    );
    expect(evaluateWindow(nearlyWeek, at('2026-01-14T08:00:00Z')).open).toBe(true);
  });

  it('runs daily hours past midnight when the end is before the start', () => {
    const gate = berlin(['Mon-Fri 22:00-06:00']);
    expect(evaluateWindow(gate, at('2026-01-13T02:00:00Z'))).toMatchObject({
      open: false,
      opensAt: at('2026-01-13T05:00:00Z'),
    });
    expect(evaluateWindow(gate, at('2026-01-11T02:00:00Z')).open).toBe(true);
  });

  it('is closed outside allow windows until the next one starts', () => {
    const gate = berlin([], ['Mon-Fri 08:00-18:00']);
    expect(evaluateWindow(gate, at('2026-01-14T12:00:00Z'))).toEqual({
      open: true,
      reason: 'inside an allowed window',
      opensAt: null,
    });
    expect(evaluateWindow(gate, at('2026-01-14T18:00:00Z'))).toEqual({
      open: false,
      reason: 'outside the allowed windows (Mon-Fri 08:00-18:00); opens Thu 08:00',
      opensAt: at('2026-01-15T07:00:00Z'),
    });
    expect(evaluateWindow(gate, at('2026-01-16T17:00:00Z')).opensAt).toEqual(at('2026-01-19T07:00:00Z'));
  });

  it('follows chained windows to the first instant the gate is really open', () => {
    const gate = berlin([WEEKEND], ['Mon-Fri 09:00-17:00']);
    expect(evaluateWindow(gate, at('2026-01-10T12:00:00Z'))).toEqual({
      open: false,
      reason: 'freeze window "Fri 16:00-Mon 08:00" ends Mon 08:00; opens Mon 09:00',
      opensAt: at('2026-01-12T08:00:00Z'),
    });
    const days = berlin(['Sat', 'Sun']);
    expect(evaluateWindow(days, at('2026-01-10T12:00:00Z'))).toEqual({
      open: false,
      reason: 'freeze window "Sat" ends Sun 00:00; opens Mon 00:00',
      opensAt: at('2026-01-11T23:00:00Z'),
    });
  });

  it('keeps local times across the DST weekends in Europe/Berlin', () => {
    // 2026-03-29 02:00 CET → 03:00 CEST: the window starts at UTC+1 and ends at UTC+2.
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-03-27T14:59:00Z')).open).toBe(true);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-03-27T15:00:00Z')).open).toBe(false);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-03-28T12:00:00Z')).opensAt).toEqual(
      at('2026-03-30T06:00:00Z'),
    );
    // 2026-10-25 03:00 CEST → 02:00 CET: starts at UTC+2, ends at UTC+1.
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-10-23T13:59:00Z')).open).toBe(true);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-10-23T14:00:00Z')).open).toBe(false);
    expect(evaluateWindow(berlin([WEEKEND]), at('2026-10-24T12:00:00Z'))).toEqual({
      open: false,
      reason: 'freeze window "Fri 16:00-Mon 08:00" ends Mon 08:00',
      opensAt: at('2026-10-26T07:00:00Z'),
    });
  });

  it('keeps local times across the DST weekends in America/New_York', () => {
    const night = newYork(['Sat 22:00-Sun 06:00']);
    // 2026-03-08 02:00 EST → 03:00 EDT: 22:00 EST is 03:00Z, 06:00 EDT is 10:00Z.
    expect(evaluateWindow(night, at('2026-03-08T02:59:00Z')).open).toBe(true);
    expect(evaluateWindow(night, at('2026-03-08T09:30:00Z'))).toEqual({
      open: false,
      reason: 'freeze window "Sat 22:00-Sun 06:00" ends Sun 06:00',
      opensAt: at('2026-03-08T10:00:00Z'),
    });
    expect(evaluateWindow(night, at('2026-03-08T10:00:00Z')).open).toBe(true);
    // 2026-11-01 02:00 EDT → 01:00 EST: 22:00 EDT is 02:00Z, 06:00 EST is 11:00Z.
    expect(evaluateWindow(night, at('2026-11-01T01:59:00Z')).open).toBe(true);
    expect(evaluateWindow(night, at('2026-11-01T10:30:00Z')).opensAt).toEqual(at('2026-11-01T11:00:00Z'));
  });

  it('moves a start that falls in the spring-forward gap to after the gap', () => {
    // 02:30 does not exist on 2026-03-08 in New York; the window starts at 03:30 EDT (07:30Z).
    const gate = newYork(['Sun 02:30-Sun 04:00']);
    expect(evaluateWindow(gate, at('2026-03-08T07:15:00Z')).open).toBe(true);
    expect(evaluateWindow(gate, at('2026-03-08T07:45:00Z')).opensAt).toEqual(at('2026-03-08T08:00:00Z'));
  });

  it('evaluates absolute windows and names far-away dates in full', () => {
    const holidays = berlin(['2026-12-24 00:00-2026-12-27 00:00']);
    expect(evaluateWindow(holidays, at('2026-12-25T12:00:00Z'))).toEqual({
      open: false,
      reason: 'freeze window "2026-12-24 00:00-2026-12-27 00:00" ends Sun 00:00',
      opensAt: at('2026-12-26T23:00:00Z'),
    });
    expect(evaluateWindow(holidays, at('2026-12-27T00:00:00Z')).open).toBe(true);
    const longFreeze = berlin(['2026-12-18 00:00-2027-01-04 00:00']);
    expect(evaluateWindow(longFreeze, at('2026-12-20T12:00:00Z')).reason).toBe(
      'freeze window "2026-12-18 00:00-2027-01-04 00:00" ends Mon 2027-01-04 00:00',
    );
  });

  it('reports when a closed gate will not open', () => {
    expect(
      evaluateWindow(berlin([], ['2025-12-24 00:00-2025-12-27 00:00']), at('2026-01-10T12:00:00Z')),
    ).toEqual({
      open: false,
      reason: 'outside the allowed windows (2025-12-24 00:00-2025-12-27 00:00); none upcoming',
      opensAt: null,
    });
    expect(evaluateWindow(berlin(['Sat'], ['Sat']), at('2026-01-07T12:00:00Z'))).toMatchObject({
      open: false,
      reason: expect.stringContaining('does not open within a year'),
      opensAt: null,
    });
  });
});
