/** A time axis for the release timeline: where a moment falls, and a few readable ticks. */
export interface TimeScale {
  x: (ms: number) => number;
  ticks: { ms: number; label: string }[];
}

const DAY = 86_400_000;

function startOfStep(ms: number, step: 'day' | 'month' | 'year'): Date {
  const d = new Date(ms);
  if (step === 'year') return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  if (step === 'month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function advance(date: Date, step: 'day' | 'month' | 'year', by: number): Date {
  const next = new Date(date);
  if (step === 'year') next.setUTCFullYear(next.getUTCFullYear() + by);
  else if (step === 'month') next.setUTCMonth(next.getUTCMonth() + by);
  else next.setUTCDate(next.getUTCDate() + by);
  return next;
}

function tickLabel(date: Date, step: 'day' | 'month' | 'year'): string {
  const iso = date.toISOString();
  return step === 'year' ? iso.slice(0, 4) : step === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** Moments between `min` and `max` spread over `left..right`, with at most `maxTicks` ticks (UTC dates). */
export function timeScale(
  min: number,
  max: number,
  left: number,
  right: number,
  maxTicks: number,
): TimeScale {
  // A single moment (or a day) still needs room either side to read as a point in time.
  const span = Math.max(max - min, DAY);
  const start = max - min < DAY ? min - (DAY - (max - min)) / 2 : min;
  const x = (ms: number) => left + ((ms - start) / span) * (right - left);
  const step = span > 3 * 365 * DAY ? 'year' : span > 62 * DAY ? 'month' : 'day';
  const unit = step === 'year' ? 365 * DAY : step === 'month' ? 30 * DAY : DAY;
  const every = Math.max(1, Math.ceil(span / unit / Math.max(1, maxTicks)));
  const ticks: { ms: number; label: string }[] = [];
  for (let at = startOfStep(start, step); at.getTime() <= start + span; at = advance(at, step, every)) {
    if (at.getTime() >= start) ticks.push({ ms: at.getTime(), label: tickLabel(at, step) });
  }
  return { x, ticks };
}
