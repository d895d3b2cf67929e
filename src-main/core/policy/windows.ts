import { DeskError } from '../errors.js';
import { addDays, parseWeekday, wallClockParts, weekdayName, zonedWallTimeToInstant } from './zoned-time.js';

/** One stretch of a recurring window: it starts on `weekday` and ends `endDays` days later. */
interface WeeklySegment {
  weekday: number;
  startMinute: number;
  endDays: number;
  /** Minute of that later day, 0–1440. */
  endMinute: number;
}

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  minute: number;
}

/** A parsed window spec; times are wall-clock times in the gate's time zone. */
export type WindowSpec =
  | { kind: 'weekly'; segments: WeeklySegment[] }
  | { kind: 'absolute'; from: LocalDateTime; to: LocalDateTime };

export interface WindowGate {
  deny: string[];
  allow: string[];
  timezone: string;
}

export interface WindowState {
  open: boolean;
  reason: string;
  /** When a closed window next lets a promotion through; null when open or never. */
  opensAt: Date | null;
}

const DAY = '([A-Za-z]+)';
const TIME = '(\\d{1,2}:\\d{2})';
const DATE = '(\\d{4})-(\\d{2})-(\\d{2})';
const WEEK_RANGE = new RegExp(`^${DAY}\\s+${TIME}\\s*-\\s*${DAY}\\s+${TIME}$`);
const DAYS_WITH_HOURS = new RegExp(`^${DAY}(?:\\s*-\\s*${DAY})?\\s+${TIME}\\s*-\\s*${TIME}$`);
const WHOLE_DAYS = new RegExp(`^${DAY}(?:\\s*-\\s*${DAY})?$`);
const ABSOLUTE = new RegExp(`^${DATE}\\s+${TIME}\\s*-\\s*${DATE}\\s+${TIME}$`);
const DAY_MS = 86_400_000;
// A deny window that always re-closes (e.g. allow `Sat`, deny `Sat`) must not loop forever.
const HORIZON_MS = 400 * DAY_MS;

function weekday(text: string): number {
  const day = parseWeekday(text);
  if (day === null) throw new DeskError('policy-invalid', `"${text}" is not a weekday`);
  return day;
}

/** Minute of the day; `24:00` only where a window may end at midnight. */
function minuteOfDay(text: string, endOfRange: boolean): number {
  const [hours, minutes] = text.split(':').map(Number) as [number, number];
  if (endOfRange && hours === 24 && minutes === 0) return 1440;
  if (hours > 23 || minutes > 59)
    throw new DeskError('policy-invalid', `"${text}" is not a time of day (HH:MM)`);
  return hours * 60 + minutes;
}

function dayRange(fromText: string, toText: string | undefined): number[] {
  const from = weekday(fromText);
  const to = toText === undefined ? from : weekday(toText);
  return Array.from({ length: ((to - from + 7) % 7) + 1 }, (_, i) => (from + i) % 7);
}

function localDateTime(y: string, m: string, d: string, time: string): LocalDateTime {
  const date = { year: Number(y), month: Number(m), day: Number(d) };
  const real = addDays(date.year, date.month, date.day, 0);
  if (real.year !== date.year || real.month !== date.month || real.day !== date.day) {
    throw new DeskError('policy-invalid', `${y}-${m}-${d} is not a calendar date`);
  }
  return { ...date, minute: minuteOfDay(time, true) };
}

/**
 * Parses `Fri 16:00-Mon 08:00` (may wrap over the week end), `Mon-Fri 08:00-18:00` (daily hours
 * on those days; an end before the start runs past midnight), `Sat` / `Sat-Sun` (whole days) and
 * `2026-12-24 00:00-2026-12-27 00:00` (absolute). Throws with the reason on anything else.
 */
export function parseWindowSpec(spec: string): WindowSpec {
  const text = spec.trim();
  let match = ABSOLUTE.exec(text);
  if (match) {
    const [, y1, m1, d1, t1, y2, m2, d2, t2] = match as unknown as string[];
    const from = localDateTime(y1!, m1!, d1!, t1!);
    const to = localDateTime(y2!, m2!, d2!, t2!);
    const stamp = (t: LocalDateTime) => Date.UTC(t.year, t.month - 1, t.day, 0, t.minute);
    if (stamp(to) <= stamp(from))
      throw new DeskError('policy-invalid', `window "${spec}" ends before it starts`);
    return { kind: 'absolute', from, to };
  }
  match = WEEK_RANGE.exec(text);
  if (match) {
    const [, day1, time1, day2, time2] = match as unknown as string[];
    const [from, to] = [weekday(day1!), weekday(day2!)];
    const [startMinute, endMinute] = [minuteOfDay(time1!, false), minuteOfDay(time2!, true)];
    // `Fri 10:00-Fri 08:00` means nearly a whole week, not nothing.
    const endDays = (to - from + 7) % 7 || (endMinute <= startMinute ? 7 : 0);
    return { kind: 'weekly', segments: [{ weekday: from, startMinute, endDays, endMinute }] };
  }
  match = DAYS_WITH_HOURS.exec(text);
  if (match) {
    const [, day1, day2, time1, time2] = match as unknown as (string | undefined)[];
    const [startMinute, endMinute] = [minuteOfDay(time1!, false), minuteOfDay(time2!, true)];
    const endDays = endMinute > startMinute ? 0 : 1;
    const segments = dayRange(day1!, day2).map((day) => ({
      weekday: day,
      startMinute,
      endDays,
      endMinute,
    }));
    return { kind: 'weekly', segments };
  }
  match = WHOLE_DAYS.exec(text);
  if (match) {
    const [, day1, day2] = match as unknown as (string | undefined)[];
    const segments = dayRange(day1!, day2).map((day) => ({
      weekday: day,
      startMinute: 0,
      endDays: 1,
      endMinute: 0,
    }));
    return { kind: 'weekly', segments };
  }
  throw new DeskError(
    'policy-invalid',
    `"${spec}" is not a window (e.g. "Fri 16:00-Mon 08:00", "Mon-Fri 08:00-18:00", "Sat-Sun", ` +
      `"2026-12-24 00:00-2026-12-27 00:00")`,
  );
}

interface Occurrence {
  start: number;
  end: number;
}

/** Concrete instants of a spec: every occurrence that may contain `around` or start in the week after. */
function occurrences(spec: WindowSpec, timeZone: string, around: number): Occurrence[] {
  const at = (year: number, month: number, day: number, minute: number) =>
    zonedWallTimeToInstant(year, month, day, 0, minute, timeZone).getTime();
  if (spec.kind === 'absolute') {
    const { from, to } = spec;
    return [
      {
        start: at(from.year, from.month, from.day, from.minute),
        end: at(to.year, to.month, to.day, to.minute),
      },
    ];
  }
  const today = wallClockParts(new Date(around), timeZone);
  const found: Occurrence[] = [];
  // Segments last at most 7 days, so 8 days either side covers both needs.
  for (let offset = -8; offset <= 8; offset++) {
    const date = addDays(today.year, today.month, today.day, offset);
    for (const segment of spec.segments) {
      if (segment.weekday !== date.weekday) continue;
      found.push({
        start: at(date.year, date.month, date.day, segment.startMinute),
        end: at(date.year, date.month, date.day + segment.endDays, segment.endMinute),
      });
    }
  }
  return found;
}

/** `Mon 08:00` in the coming days, with the date further out. */
function formatInstant(instant: number, timeZone: string, now: number): string {
  const p = wallClockParts(new Date(instant), timeZone);
  const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  // A bare weekday is only unambiguous within the coming week.
  if (instant - now < 6 * DAY_MS) return `${weekdayName(p.weekday)} ${time}`;
  const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return `${weekdayName(p.weekday)} ${date} ${time}`;
}

/**
 * Whether a window gate lets a promotion through at `now`: closed inside any deny window, and
 * (when allow windows are given) outside all of them. `opensAt` follows chained windows, so it
 * is the first instant the gate is really open.
 */
export function evaluateWindow(gate: WindowGate, now: Date): WindowState {
  const zone = gate.timezone;
  const deny = gate.deny.map((text) => ({ text, spec: parseWindowSpec(text) }));
  const allow = gate.allow.map((text) => parseWindowSpec(text));
  const start = now.getTime();
  // The first reason it is closed, and the end of that window when it is a deny window.
  let cause: { text: string; end: number | null } | null = null;
  let t = start;
  for (;;) {
    const blocking = deny
      .flatMap(({ text, spec }) => occurrences(spec, zone, t).map((o) => ({ text, ...o })))
      .filter((o) => o.start <= t && t < o.end)
      .sort((a, b) => b.end - a.end)[0];
    if (blocking) {
      cause ??= {
        text: `freeze window "${blocking.text}" ends ${formatInstant(blocking.end, zone, start)}`,
        end: blocking.end,
      };
      t = blocking.end;
    } else if (allow.length > 0) {
      const windows = allow.flatMap((spec) => occurrences(spec, zone, t));
      if (windows.some((o) => o.start <= t && t < o.end)) break;
      cause ??= { text: `outside the allowed windows (${gate.allow.join(', ')})`, end: null };
      const next = windows.filter((o) => o.start > t).sort((a, b) => a.start - b.start)[0];
      if (!next) return { open: false, reason: `${cause.text}; none upcoming`, opensAt: null };
      t = next.start;
    } else {
      break;
    }
    if (t - start > HORIZON_MS) {
      return { open: false, reason: `${cause.text}; does not open within a year`, opensAt: null };
    }
  }
  if (cause === null) {
    const reason = allow.length > 0 ? 'inside an allowed window' : 'outside every freeze window';
    return { open: true, reason, opensAt: null };
  }
  // Chained windows (or an allow window after a deny one) open later than the first one ends.
  const reason = cause.end === t ? cause.text : `${cause.text}; opens ${formatInstant(t, zone, start)}`;
  return { open: false, reason, opensAt: new Date(t) };
}
