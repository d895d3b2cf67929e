import type { HotfixCandidate } from '../../../shared/domain/hotfix.js';

/**
 * What the user has typed and ticked in the fix chooser, kept for the tab like the open
 * repository and screen (session.svelte.ts): a reload comes back to the same search and choice.
 * One entry per repository and hotfix branch, so another hotfix starts clean.
 */
export interface FixChoice {
  search: string;
  chosen: HotfixCandidate[];
}

const PREFIX = 'release-desk-fix-choice';

function keyOf(path: string, branch: string): string {
  return `${PREFIX}\0${path}\0${branch}`;
}

export function loadFixChoice(path: string, branch: string): FixChoice {
  try {
    const saved = JSON.parse(
      sessionStorage.getItem(keyOf(path, branch)) ?? 'null',
    ) as Partial<FixChoice> | null;
    return {
      search: typeof saved?.search === 'string' ? saved.search : '',
      chosen: Array.isArray(saved?.chosen) ? saved.chosen.filter((c) => typeof c?.sha === 'string') : [],
    };
  } catch {
    return { search: '', chosen: [] };
  }
}

export function saveFixChoice(path: string, branch: string, choice: FixChoice): void {
  const key = keyOf(path, branch);
  if (!choice.search && choice.chosen.length === 0) sessionStorage.removeItem(key);
  else sessionStorage.setItem(key, JSON.stringify(choice));
}
