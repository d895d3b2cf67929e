import { isFooterLine } from './footers.js';
import { matchHeader } from './header.js';

/** A further change inside a squash-merge body: its header and the lines that follow it. */
export interface SubChange {
  header: string;
  lines: string[];
}

export interface SquashSplit {
  /** Lines that belong to the commit's own header. */
  lead: string[];
  subChanges: SubChange[];
}

const BULLET = /^\s*[*-]\s+(.+)$/;
// A plain (non-bullet) line only counts with a lower-case type: otherwise trailers such as
// `Refs: #12`, `Note: …` or `Signed-off-by: …` would read as headers.
const PLAIN_TYPE = /^[a-z]+[(!:]/;

// A subject naming only issues (`fix: #11541`, `close: #1, #2`) is a reference trailer written
// like a header, as `Fixes #12` is: not a change of its own.
const REFERENCE = String.raw`\(?(?:(?:[\w.-]+/[\w.-]+)?#\d+|gh-\d+)\)?`;
const ONLY_REFERENCES = new RegExp(
  `^${REFERENCE}(?:(?:\\s*[,;&]\\s*|\\s+)(?:and\\s+)?${REFERENCE})*\\.?$`,
  'i',
);

function changeHeader(text: string): string | null {
  const header = matchHeader(text);
  return header !== null && !ONLY_REFERENCES.test(header.subject) ? text : null;
}

function plainHeader(line: string): string | null {
  return PLAIN_TYPE.test(line) ? changeHeader(line) : null;
}

/**
 * Finds further conventional headers in a body, each owning the lines up to the next one (so
 * footers inside belong to the change they follow). A header counts as:
 * - a `* fix: …` / `- feat: …` bullet, anywhere;
 * - a plain header after a blank line (GitHub's and `git merge --squash`'s bodies);
 * - a plain header at the start of a line in a trailer block: a paragraph (or the lines right
 *   under the commit's header) holding only headers, footers and their indented continuation
 *   lines. That is how release-please reads stacked headers (`feat: a` / `fix: b` / `feat!: c`):
 *   as footers, each a commit of its own. A header-like line in a prose paragraph stays body
 *   (release-please also takes one that ends the message; a wrapped prose line that happens to
 *   start with `fix: ` is likelier there).
 */
export function splitSquash(lines: string[]): SquashSplit {
  const lead: string[] = [];
  const subChanges: SubChange[] = [];
  let target = lead;
  // The lines right under the commit's header continue its paragraph, so start a trailer block.
  let afterBlank = false;
  let trailerBlock = true;
  for (const line of lines) {
    if (line === '') {
      target.push(line);
      afterBlank = true;
      trailerBlock = true;
      continue;
    }
    const indented = /^\s/.test(line);
    const bullet = BULLET.exec(line)?.[1];
    let header = bullet === undefined ? null : changeHeader(bullet);
    if (header === null && afterBlank) header = plainHeader(line.trimStart());
    // Inside a trailer block an indented line continues the footer above it.
    else if (header === null && trailerBlock && !indented) header = plainHeader(line);
    if (header !== null) {
      const sub: SubChange = { header, lines: [] };
      subChanges.push(sub);
      target = sub.lines;
    } else {
      target.push(line);
      trailerBlock &&= isFooterLine(line) || (indented && !afterBlank);
    }
    afterBlank = false;
  }
  return { lead, subChanges };
}
