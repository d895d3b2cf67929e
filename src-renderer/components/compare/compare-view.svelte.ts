import type { CompareEnd } from '../../../shared/domain/history.js';
import { session } from '../../lib/session.svelte.js';

/**
 * The two ends the Compare screen shows, shared so the Promotions board, a promotion's page and
 * the release history can open it on a given pair.
 */
export const compareView = $state<{ repo: string | null; from: CompareEnd | null; to: CompareEnd | null }>({
  /** The repository the ends belong to; another repository's ends are never used. */
  repo: null,
  from: null,
  to: null,
});

export function showCompare(repo: string, from: CompareEnd, to: CompareEnd): void {
  compareView.repo = repo;
  compareView.from = from;
  compareView.to = to;
  session.screen = 'compare';
}

/** An end as a `<select>` value: `environment:production` or `release:2.1.0`. */
export function endKey(end: CompareEnd): string {
  return end.kind === 'environment' ? `environment:${end.environment}` : `release:${end.version}`;
}

export function endFromKey(key: string): CompareEnd | null {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  const name = key.slice(at + 1);
  if (at < 0 || name === '') return null;
  if (kind === 'environment') return { kind, environment: name };
  if (kind === 'release') return { kind, version: name };
  return null;
}
