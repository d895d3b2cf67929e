import type { AuditQuery } from '../../../shared/domain/audit.js';

/** What the Audit screen's filter bar holds; empty text means "any". */
export interface AuditFilterValues {
  action: string;
  actor: string;
  release: string;
  environment: string;
  search: string;
  /** `repository.opened` is most of a log and rarely what anyone looks for: hidden unless asked. */
  showOpens: boolean;
  onlyThisRepo: boolean;
}

export const NO_FILTERS: AuditFilterValues = {
  action: '',
  actor: '',
  release: '',
  environment: '',
  search: '',
  showOpens: false,
  onlyThisRepo: true,
};

export const OPENED = 'repository.opened';

/** The API query for the filters; blank fields are left out so they narrow nothing. */
export function auditQuery(filters: AuditFilterValues, repo: string | null): AuditQuery {
  const query: AuditQuery = {};
  if (filters.onlyThisRepo && repo) query.repo = repo;
  for (const key of ['action', 'actor', 'release', 'environment', 'search'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  if (!filters.showOpens && query.action !== OPENED) query.excludeActions = [OPENED];
  return query;
}
