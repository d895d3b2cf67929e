const HTML = /[&<>]/g;
const HAS_HTML = /[&<>]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// A code span as CommonMark reads it: a whole backtick run (not backslash-escaped), then text up
// to a run of the same length, on one line (a line break could start an HTML block inside).
// Anything this misses is escaped, which is the safe side.
const CODE_SPAN = /(?<![`\\])(`+)(?!`)[^\n]*?[^`\n]\1(?!`)/g;

function escapeHtml(text: string): string {
  return text.replace(HTML, (c) => ENTITY[c]!);
}

/**
 * Commit text (subjects, scopes, notes, names) made safe for Markdown: `&`, `<` and `>` become
 * entities so no commit can inject raw HTML, except inside code spans, where Markdown shows
 * them literally anyway (so `Array<string>` in backticks stays readable).
 */
export function markdownText(text: string): string {
  if (!HAS_HTML.test(text)) return text;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    out += escapeHtml(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Multi-line text as one Markdown list item: continuation lines indented under the bullet. */
export function listItemText(text: string): string {
  return markdownText(text.trim()).replace(/\n(?!\n)/g, '\n  ');
}
