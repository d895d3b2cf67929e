import { describe, expect, it } from 'vitest';
import { formatWhen } from '../../../src-renderer/lib/dates.js';

describe('formatWhen', () => {
  it('writes year first, 24-hour time and the zone', () => {
    expect(formatWhen('2026-03-01T10:05:00Z', 'UTC')).toBe('2026-03-01 10:05 UTC');
    expect(formatWhen('2026-03-01T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-02 00:30 GMT+1');
    expect(formatWhen('2026-07-01T00:00:00Z', 'America/New_York')).toBe('2026-06-30 20:00 EDT');
  });

  it('shows nothing for no moment and the raw text for one it cannot read', () => {
    expect(formatWhen(null)).toBe('');
    expect(formatWhen('soon')).toBe('soon');
  });
});
