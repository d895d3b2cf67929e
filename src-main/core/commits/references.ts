import { CommitParser } from 'conventional-commits-parser';

// The library is right about reference syntax (action keywords such as `Closes`, `owner/repo`
// split, several references on one line), so it reads lines that may hold one. Created once:
// building its regular expressions per commit would dominate a 100k-commit scan.
const parser = new CommitParser({ issuePrefixes: ['#', 'GH-'] });

// Only lines passing this reach the library: it costs ~1.5 µs per line, and is quadratic on lines
// without a prefix. Most commits never call it.
const MAY_REFERENCE = /(?:#|gh-)\d/i;
// The library ignores every reference on a line that contains a URL.
const URL = /\bhttps?:\/\/\S+/gi;
// The library misses a reference followed by sentence punctuation (`Fixes #12.`).
const TRAILING_PUNCTUATION = /[.:!?'"]+(?=\s|$)/g;
const NUMBER = /^\d+$/;

/**
 * Adds the references on one line to `into`, as written without their action (`#9`, `GH-123`,
 * `owner/repo#123`), skipping ones already there. Unlike the library, only numeric issues count
 * (`#fff` is a colour) and a `#` glued to a bare word (`C#7`) is not a reference.
 */
export function addReferences(line: string, into: string[]): void {
  if (!MAY_REFERENCE.test(line)) return;
  const cleaned = line.replace(URL, ' ').replace(TRAILING_PUNCTUATION, '');
  if (!cleaned.trim()) return;
  for (const ref of parser.parse(cleaned).references) {
    if (!NUMBER.test(ref.issue)) continue;
    let raw: string;
    if (ref.prefix !== '#') {
      if (ref.repository) continue;
      raw = `${ref.prefix}${ref.issue}`;
    } else if (ref.owner) {
      raw = `${ref.owner}/${ref.repository ?? ''}#${ref.issue}`;
    } else {
      if (ref.repository) continue;
      raw = `#${ref.issue}`;
    }
    if (!into.includes(raw)) into.push(raw);
  }
}
