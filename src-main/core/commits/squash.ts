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
// `Refs: #12` or `Note: …` after a blank line would read as headers.
const PLAIN_TYPE = /^[a-z]+[(!:]/;

function subHeader(line: string, afterBlank: boolean): string | null {
  const bullet = BULLET.exec(line);
  if (bullet) return matchHeader(bullet[1]!) ? bullet[1]! : null;
  if (!afterBlank) return null;
  const plain = line.trimStart();
  return PLAIN_TYPE.test(plain) && matchHeader(plain) ? plain : null;
}

/**
 * Finds further conventional headers in a body (`* fix: …` / `- feat: …` bullets, or a header
 * after a blank line, as GitHub and `git merge --squash` write them). Each owns the lines up to
 * the next one, so footers inside belong to the change they follow.
 */
export function splitSquash(lines: string[]): SquashSplit {
  const lead: string[] = [];
  const subChanges: SubChange[] = [];
  let target = lead;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = subHeader(line, i > 0 && lines[i - 1] === '');
    if (header) {
      const sub: SubChange = { header, lines: [] };
      subChanges.push(sub);
      target = sub.lines;
    } else {
      target.push(line);
    }
  }
  return { lead, subChanges };
}
