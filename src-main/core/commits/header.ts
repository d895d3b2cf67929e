import { intern } from '../intern.js';

/** The parts of a Conventional Commits header `type(scope)!: subject`. */
export interface Header {
  /** Lower-cased: types are case-insensitive (`Feat:` is a feat). */
  type: string;
  scope: string | null;
  bang: boolean;
  subject: string;
}

// The library's default header pattern accepts an empty type, `_` and digits in types and no
// `!`, so the header is matched here. A scope is any text but `)` (`@angular/cli`, `api, ui`,
// `$browser`, `*`), as in every peer. It is trimmed, and a blank scope makes the header
// unconventional: `feat(): x` names no noun, which the spec asks for.
const HEADER = /^([a-zA-Z]+)(?:\(([^)\n]+)\))?(!)?: (.*)$/;

/** `Revert "<header>"` as written by `git revert`; greedy so a revert of a revert nests. */
const GIT_REVERT = /^Revert "(.+)"$/;

export function matchHeader(line: string): Header | null {
  const match = HEADER.exec(line);
  const subject = match?.[4]?.trim();
  if (!match || !subject) return null;
  const scope = match[2]?.trim();
  if (scope === '') return null;
  return {
    type: intern(match[1]!.toLowerCase()),
    scope: scope === undefined ? null : intern(scope),
    bang: match[3] === '!',
    subject,
  };
}

/** The quoted header of a git-style revert header, or null. */
export function matchGitRevert(line: string): string | null {
  return GIT_REVERT.exec(line)?.[1] ?? null;
}
