// At most this many strings are kept; past it the table starts again (a cache, never a leak).
const KEEP = 10_000;
const strings = new Map<string, string>();

/**
 * One shared copy of a string that repeats across a history (an author, a commit type, a
 * scope). 100k commits otherwise hold 100k copies of a few dozen authors: memory, objects for
 * the garbage collector to move, and a hash to compute at every later lookup (contributors,
 * sections), where the shared copy has it computed once.
 */
export function intern(value: string): string {
  const known = strings.get(value);
  if (known !== undefined) return known;
  if (strings.size >= KEEP) strings.clear();
  strings.set(value, value);
  return value;
}
