import { intern } from '../intern.js';

/** The parts of a Conventional Commits header `type(scope)!: subject`. */
export interface Header {
  /** Lower-cased: types are case-insensitive (`Feat:` is a feat). */
  type: string;
  scope: string | null;
  bang: boolean;
  subject: string;
}

// The library's default header pattern accepts an empty type, `_` and digits in types, no `!`,
// and no `,` in scopes, so the header is matched here. A scope is a noun: letters, digits and
// `_ / . -`, plus `,` (optionally followed by one space) to list several scopes.
const HEADER = /^([a-zA-Z]+)(?:\(((?:[\p{L}\p{N}_/.-]|, ?)+)\))?(!)?: (.*)$/u;

/** `Revert "<header>"` as written by `git revert`; greedy so a revert of a revert nests. */
const GIT_REVERT = /^Revert "(.+)"$/;

export function matchHeader(line: string): Header | null {
  const match = HEADER.exec(line);
  const subject = match?.[4]?.trim();
  if (!match || !subject) return null;
  return {
    type: intern(match[1]!.toLowerCase()),
    scope: match[2] === undefined ? null : intern(match[2]),
    bang: match[3] === '!',
    subject,
  };
}

/** The quoted header of a git-style revert header, or null. */
export function matchGitRevert(line: string): string | null {
  return GIT_REVERT.exec(line)?.[1] ?? null;
}
