import type { ReleaseEntry } from '../../../shared/domain/release.js';

/**
 * The entries a filter text matches: every word of it, case-insensitively, somewhere in the
 * subject, scope, type, SHA or author. A blank filter matches everything.
 */
export function filterEntries<T extends ReleaseEntry>(entries: readonly T[], filter: string): readonly T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries;
  return entries.filter((entry) => {
    const text = [entry.subject, entry.scope ?? '', entry.type ?? '', entry.sha, entry.author]
      .join('\n')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
