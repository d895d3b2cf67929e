import type { BreakingNote, ParsedChange } from '../../../shared/domain/commits.js';
import { splitBodyAndFooters, type Footer } from './footers.js';
import { matchGitRevert, matchHeader } from './header.js';
import { addReferences } from './references.js';
import { splitSquash } from './squash.js';

/**
 * Version of what `parseCommitMessage` produces. Bump it whenever the parser's output changes:
 * cached commits of another version are parsed again.
 */
export const COMMIT_PARSER_VERSION = 3;

// Git's scissors line, with or without the comment character in front of it.
const SCISSORS = /^(?:# )?-{24} >8 -{24}$/;
const REVERTS_COMMIT = /^This reverts commit ([0-9a-fA-F]{7,40})\b/;
const QUOTED = /^"(.+)"$/;

/**
 * Message lines without comment lines, without everything from the scissors line down and
 * without trailing whitespace or blank lines at either end.
 */
function cleanLines(message: string): string[] {
  const lines: string[] = [];
  for (const raw of message.split(/\r?\n/)) {
    if (raw.startsWith('#')) {
      if (SCISSORS.test(raw.trimEnd())) break;
      continue;
    }
    const line = raw.trimEnd();
    if (SCISSORS.test(line)) break;
    if (line !== '' || lines.length > 0) lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function revertedSha(lines: string[]): string | null {
  for (const line of lines) {
    const match = REVERTS_COMMIT.exec(line);
    if (match) return match[1]!.toLowerCase();
  }
  return null;
}

function breakingNotes(footers: Footer[], subject: string, bang: boolean): BreakingNote[] {
  const notes: BreakingNote[] = [];
  for (const f of footers) {
    if (f.token === 'BREAKING CHANGE' || f.token === 'BREAKING-CHANGE') {
      notes.push({ text: f.value || subject });
    }
  }
  if (bang && notes.length === 0) notes.push({ text: subject });
  return notes;
}

function buildChange(headerLine: string, lines: string[]): ParsedChange {
  const header = headerLine.trim();
  const { body, footers } = splitBodyAndFooters(lines);
  const references: string[] = [];
  addReferences(header, references);
  for (const line of lines) addReferences(line, references);
  const releaseAsFooter = footers.find((f) => f.token.toLowerCase() === 'release-as');
  const releaseAs = releaseAsFooter?.value.split('\n', 1)[0]?.trim() || null;

  // Object literals only: spreading a shared base object measured ~7 µs per change in V8.
  const parsed = matchHeader(header);
  if (parsed) {
    const notes = breakingNotes(footers, parsed.subject, parsed.bang);
    const reverted = QUOTED.exec(parsed.subject)?.[1] ?? parsed.subject;
    return {
      type: parsed.type,
      scope: parsed.scope,
      subject: parsed.subject,
      header,
      body,
      breaking: notes.length > 0,
      notes,
      references,
      releaseAs,
      revert: parsed.type === 'revert' ? { header: reverted, sha: revertedSha(lines) } : null,
      conventional: true,
    };
  }

  // `git revert` writes `Revert "<header>"`: treated as a revert change, like `revert: …`.
  const gitReverted = matchGitRevert(header);
  return {
    type: gitReverted ? 'revert' : null,
    scope: null,
    subject: gitReverted ?? header,
    header,
    body,
    breaking: false,
    notes: [],
    references,
    releaseAs,
    revert: gitReverted ? { header: gitReverted, sha: revertedSha(lines) } : null,
    conventional: gitReverted !== null,
  };
}

/**
 * Parses a commit message into its changes: the first is the commit's own header, then one per
 * further conventional header in a squash-merge body. A message that is not conventional yields
 * a change with `conventional: false`, `type: null` and its first line as subject.
 */
export function parseCommitMessage(message: string): ParsedChange[] {
  const [headerLine = '', ...rest] = cleanLines(message);
  if (rest.length === 0) return [buildChange(headerLine, rest)];
  const { lead, subChanges } = splitSquash(rest);
  const changes = [buildChange(headerLine, lead)];
  for (const sub of subChanges) changes.push(buildChange(sub.header, sub.lines));
  return changes;
}
