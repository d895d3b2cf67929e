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
const GH = /gh-/i;
// The library's action keywords (followed by white space it reads only what follows them).
const ACTION = /(?:close[sd]?|fix(?:es|ed)?|resolve[sd]?)\s/i;
// Characters the library reads as part of a repository name glued to a `#`.
const REPOSITORY_CHAR = /[\w\-./]/;
// What may follow a reference for the library to see it.
const REFERENCE_END = /[\s,;)\]]/;

/**
 * The references of a line whose every `#` opens an issue number standing alone (`(#123)`,
 * `PR #9, #10`) and that holds no `GH-` and no action keyword: the library would find exactly
 * these, in order.
 * Null for any other line, which the library reads. Most lines that reference anything are
 * such lines, and the library's pattern costs far more than this scan.
 */
function plainReferences(line: string): string[] | null {
  if (GH.test(line) || ACTION.test(line)) return null;
  const found: string[] = [];
  for (let at = line.indexOf('#'); at !== -1; at = line.indexOf('#', at + 1)) {
    if (at > 0 && REPOSITORY_CHAR.test(line[at - 1]!)) return null;
    let end = at + 1;
    while (end < line.length && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
    if (end === at + 1 || (end < line.length && !REFERENCE_END.test(line[end]!))) return null;
    found.push(line.slice(at, end));
  }
  return found;
}

/**
 * Adds the references on one line to `into`, as written without their action (`#9`, `GH-123`,
 * `owner/repo#123`), skipping ones already there. Unlike the library, only numeric issues count
 * (`#fff` is a colour) and a `#` glued to a bare word (`C#7`) is not a reference.
 */
export function addReferences(line: string, into: string[]): void {
  if (!MAY_REFERENCE.test(line)) return;
  const cleaned = line.replace(URL, ' ').replace(TRAILING_PUNCTUATION, '');
  if (!cleaned.trim()) return;
  const plain = plainReferences(cleaned);
  if (plain) {
    for (const raw of plain) if (!into.includes(raw)) into.push(raw);
    return;
  }
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
