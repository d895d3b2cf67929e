import type { AuditQuery } from '../../../shared/domain/audit.js';

/**
 * Which log the screen lists: the open repository's shared ledger (everyone's events once synced,
 * with this machine's not-yet-shared and local-only ones), or this machine's own hash-chained log
 * of every repository (where `audit verify`'s local chain lives).
 */
export type AuditScope = 'repository' | 'machine';

/** What the Audit screen's filter bar holds; empty text means "any". */
export interface AuditFilterValues {
  action: string;
  actor: string;
  release: string;
  environment: string;
  search: string;
  /** `repository.opened` is most of a log and rarely what anyone looks for: hidden unless asked. */
  showOpens: boolean;
  scope: AuditScope;
}

export const NO_FILTERS: AuditFilterValues = {
  action: '',
  actor: '',
  release: '',
  environment: '',
  search: '',
  showOpens: false,
  scope: 'repository',
};

export const OPENED = 'repository.opened';

/** The API query for the filters; blank fields are left out so they narrow nothing. */
export function auditQuery(filters: AuditFilterValues, repo: string | null): AuditQuery {
  const query: AuditQuery = {};
  if (filters.scope === 'repository' && repo) query.repo = repo;
  for (const key of ['action', 'actor', 'release', 'environment', 'search'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  if (!filters.showOpens && query.action !== OPENED) query.excludeActions = [OPENED];
  return query;
}
