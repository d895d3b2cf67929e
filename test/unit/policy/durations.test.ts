import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, parseDuration } from '../../../src-main/core/policy/durations.js';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * S],
    ['10m', 10 * MIN],
    ['24h', 24 * H],
    ['2d', 2 * D],
    ['2w', 14 * D],
    ['1h30m', 90 * MIN],
    ['1w2d3h4m5s', 7 * D + 2 * D + 3 * H + 4 * MIN + 5 * S],
    [' 72h ', 72 * H],
    ['0m', 0],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', '10 m', '10min', '1m1h', '1h1h', '1.5h', '-5m', 'abc', '2W'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/is not a duration/);
  });
});

describe('formatDuration', () => {
  it.each([
    [5 * H, '5 h'],
    [2 * D + 3 * H, '2 d 3 h'],
    [2 * D + 5 * MIN, '2 d'],
    [12 * MIN, '12 min'],
    [H + 30 * MIN + 10 * S, '1 h 30 min'],
    [45 * S, '45 s'],
    [14 * D, '14 d'],
    [1, '1 s'],
    [0, '0 s'],
    [-5 * MIN, '0 s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('rounds up so a countdown never reads zero while time remains', () => {
    expect(formatDuration(4 * H + 59 * MIN + 59 * S + 1)).toBe('5 h');
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0 ms'],
    [40, '40 ms'],
    [999, '999 ms'],
    [1_000, '1.0 s'],
    [1_260, '1.3 s'],
    [9_949, '9.9 s'],
    [9_950, '10 s'],
    [61_400, '1 min 1 s'],
    [H + 29 * MIN + 59.6 * S, '1 h 30 min'],
    [-3, '0 ms'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
