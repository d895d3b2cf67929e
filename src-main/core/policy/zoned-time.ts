/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl: policy dates (train cadence,
 * freeze windows) are written in local time and must stay on that local time across DST.
 */

export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const FULL_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone (Intl throws a RangeError otherwise). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `sun`…`sat` or full names, any case → 0…6; null when it is no weekday. */
export function parseWeekday(text: string): number | null {
  const name = text.trim().toLowerCase();
  const short = WEEKDAYS.indexOf(name);
  if (short >= 0) return short;
  const full = FULL_WEEKDAYS.indexOf(name);
  return full >= 0 ? full : null;
}

/** `Mon`, `Tue`, … for messages. */
export function weekdayName(weekday: number): string {
  return WEEKDAY_LABELS[((weekday % 7) + 7) % 7]!;
}

/** What a clock on the wall in `timeZone` shows at `date`. */
export function wallClockParts(date: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf((parts.weekday ?? '').toLowerCase()),
  };
}

/** Milliseconds the zone is ahead of UTC at `instant` (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const p = wallClockParts(new Date(seconds), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - seconds;
}

/**
 * The instant a wall clock in `timeZone` shows the given local time. Fields may overflow the way
 * `Date.UTC` allows (day 32, hour 24, minute 1440) so callers can do calendar arithmetic.
 * Ambiguous times (the repeated hour in autumn) give the earlier instant; times skipped by a
 * spring-forward gap move forward by the gap (02:30 → 03:30), as Temporal's `compatible` does.
 */
export function zonedWallTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day either side bracket any transition near this local time; correcting the
  // naive guess by each and keeping those that round-trip finds every real instant.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  const candidates = [local - before, local - after].filter(
    (instant) => instant + offsetAt(instant, timeZone) === local,
  );
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(local - before);
}

/** The calendar date `days` after the given one (pure date arithmetic, no zone involved). */
export function addDays(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}
