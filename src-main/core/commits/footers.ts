export interface Footer {
  /** As written; `BREAKING CHANGE` / `BREAKING-CHANGE` only when upper-case. */
  token: string;
  /** The value with its continuation lines, blank lines at either end removed. */
  value: string;
}

export interface BodyAndFooters {
  body: string | null;
  footers: Footer[];
}

// The breaking token must be upper-case (the library matches it case-insensitively, and even
// without a colon). It is accepted anywhere, even indented inside a squash bullet, because
// missing one is worse than splitting a body early.
const BREAKING_LINE = /^\s*(BREAKING[ -]CHANGE):(?: (.*))?$/;
// `Token: value` or `Token #value` (git trailer style, e.g. `Closes #9`).
const TOKEN_LINE = /^([A-Za-z][A-Za-z0-9-]*)(: | #)(.*)$/;

function matchFooter(line: string): Footer | null {
  const breaking = BREAKING_LINE.exec(line);
  if (breaking) return { token: breaking[1]!, value: breaking[2] ?? '' };
  const token = TOKEN_LINE.exec(line);
  if (!token) return null;
  return { token: token[1]!, value: token[2] === ' #' ? `#${token[3]!}` : token[3]! };
}

/** Whether a line opens a footer (`Token: value`, `Token #value` or a breaking-change line). */
export function isFooterLine(line: string): boolean {
  return BREAKING_LINE.test(line) || TOKEN_LINE.test(line);
}

/** Joins lines, dropping blank lines at either end. */
export function joinTrimmed(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return lines.slice(start, end).join('\n');
}

/**
 * Splits the lines after a header into body and footers. Footers start at a breaking-change
 * line, or at a `Token: ` line that opens a paragraph (or directly follows the header). A
 * footer's value runs until the next footer line, across blank lines: the library instead folds
 * every following line, other footers included, into a breaking note.
 */
export function splitBodyAndFooters(lines: string[]): BodyAndFooters {
  let start = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (BREAKING_LINE.test(line) || ((i === 0 || lines[i - 1] === '') && TOKEN_LINE.test(line))) {
      start = i;
      break;
    }
  }
  const footers: Footer[] = [];
  let current: { footer: Footer; lines: string[] } | null = null;
  const close = (): void => {
    if (!current) return;
    current.footer.value = joinTrimmed(current.lines);
    footers.push(current.footer);
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const footer = matchFooter(line);
    if (footer) {
      close();
      current = { footer, lines: [footer.value] };
    } else {
      current?.lines.push(line);
    }
  }
  close();
  const body = joinTrimmed(lines.slice(0, start));
  return { body: body === '' ? null : body, footers };
}
