import { DeskError } from '../errors.js';
/** Durations as written in `.release-desk.yml` (`30s`, `10m`, `24h`, `2d`, `2w`, `1h30m`). */

const UNIT_MS: Record<string, number> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
};

// Units largest first, each at most once, so `1h30m` reads one way only.
const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Milliseconds in a duration like `1h30m`; throws on anything else. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (!trimmed || !match) {
    throw new DeskError('policy-invalid', `"${text}" is not a duration (e.g. 30s, 10m, 24h, 2d, 2w, 1h30m)`);
  }
  const units = ['w', 'd', 'h', 'm', 's'];
  let total = 0;
  match.slice(1).forEach((value, index) => {
    if (value !== undefined) total += Number(value) * UNIT_MS[units[index]!]!;
  });
  if (!Number.isSafeInteger(total)) throw new DeskError('policy-invalid', `"${text}" is too long a duration`);
  return total;
}

const DISPLAY_UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/**
 * A human reading of a duration, at most two units (`2 d 3 h`, `5 h`, `12 min`). Rounds up to
 * the second so a countdown never shows `0 s` while time remains.
 */
export function formatDuration(ms: number): string {
  let rest = Math.ceil(Math.max(0, ms) / 1000) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of DISPLAY_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    // Once the first unit is shown, only the next one may follow: `2 d 3 h`, never `2 d 0 h 5 min`.
    if (parts.length > 0 || count > 0) parts.push(count > 0 ? `${count} ${unit}` : '');
    if (parts.length === 2) break;
  }
  const shown = parts.filter(Boolean);
  return shown.length > 0 ? shown.join(' ') : '0 s';
}

/**
 * How long something took (a check's run): to the millisecond under a second, to a tenth under
 * ten seconds, then like formatDuration but rounded to the nearest second, not up — a 40 ms
 * check reads "40 ms", never "1 s".
 */
export function formatElapsed(ms: number): string {
  const elapsed = Math.max(0, Math.round(ms));
  if (elapsed < 1_000) return `${elapsed} ms`;
  if (elapsed < 9_950) return `${(elapsed / 1_000).toFixed(1)} s`;
  return formatDuration(Math.round(elapsed / 1_000) * 1_000);
}
