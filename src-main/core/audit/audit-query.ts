import type { AuditFacets, AuditPage, AuditQuery } from '../../../shared/domain/audit.js';
import type { Db } from '../store/database.js';
import type { AuditRow } from './audit-row.js';
import { toEvent } from './audit-row.js';

export const DEFAULT_PAGE = 100;

// A damaged row may hold details that are not JSON; json_extract would fail the whole query on it.
const detail = (key: string) => `CASE WHEN json_valid(details) THEN json_extract(details, '$.${key}') END`;

/** `%`, `_` and the escape itself match literally in a search. */
function likeText(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause and its parameters for a query's filters (paging aside). */
function where(query: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const clauses = ['(@repo IS NULL OR repo = @repo)'];
  const params: Record<string, unknown> = { repo: query.repo ?? null };
  // Cheap text tests first: SQLite checks terms in order and the JSON ones parse every row.
  if (query.search) {
    clauses.push(
      `(action LIKE @search ESCAPE '\\' OR actor LIKE @search ESCAPE '\\'
        OR subject LIKE @search ESCAPE '\\' OR details LIKE @search ESCAPE '\\')`,
    );
    params.search = likeText(query.search);
  }
  if (query.action) {
    clauses.push('action = @action');
    params.action = query.action;
  }
  if (query.actor) {
    clauses.push('actor = @actor');
    params.actor = query.actor;
  }
  if (query.environment) {
    clauses.push(`${detail('environment')} = @environment`);
    params.environment = query.environment;
  }
  if (query.release) {
    // A tag names releases, trains' ships and hotfixes' tags; promotions name `tag@env#n`; their
    // details carry the bare version, so `v1.2.0` and `1.2.0` both find the same release.
    clauses.push(
      `(subject = @release OR subject LIKE @releasePromotion ESCAPE '\\'
        OR ${detail('tag')} = @release OR ${detail('version')} IN (@release, @releaseVersion))`,
    );
    params.release = query.release;
    params.releasePromotion = `${query.release.replace(/[\\%_]/g, (c) => `\\${c}`)}@%`;
    params.releaseVersion = query.release.replace(/^[^0-9]+/, '');
  }
  (query.excludeActions ?? []).forEach((action, index) => {
    clauses.push(`action <> @exclude${index}`);
    params[`exclude${index}`] = action;
  });
  return { sql: clauses.join(' AND '), params };
}

/** The actions, people and environments in the log (or one repository's part of it), in one scan. */
function facets(db: Db, repo: string | null): AuditFacets {
  const rows = db
    .prepare(
      `SELECT action, actor, ${detail('environment')} AS environment FROM audit_events
       WHERE (@repo IS NULL OR repo = @repo) GROUP BY 1, 2, 3`,
    )
    .all({ repo }) as { action: string; actor: string; environment: unknown }[];
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    actions: sorted(rows.map((row) => row.action)),
    actors: sorted(rows.map((row) => row.actor)),
    environments: sorted(rows.flatMap((row) => (row.environment === null ? [] : [String(row.environment)]))),
  };
}

/**
 * One page of the audit log, newest first, narrowed by the query's filters. Reads only; `around`
 * finds the page that holds a given event (the one a broken chain names) under the same filters.
 */
export function queryAudit(db: Db, query: AuditQuery = {}): AuditPage {
  const { sql, params } = where(query);
  const limit = query.limit ?? DEFAULT_PAGE;
  const total = (
    db.prepare(`SELECT count(*) AS n FROM audit_events WHERE ${sql}`).get(params) as { n: number }
  ).n;
  let offset = query.offset ?? 0;
  if (query.around !== undefined) {
    const newer = db
      .prepare(`SELECT count(*) AS n FROM audit_events WHERE ${sql} AND seq > @around`)
      .get({ ...params, around: query.around }) as { n: number };
    offset = Math.floor(newer.n / limit) * limit;
  }
  const rows = db
    .prepare(`SELECT * FROM audit_events WHERE ${sql} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as AuditRow[];
  return {
    events: rows.map(toEvent),
    total,
    offset,
    limit,
    facets: query.facets === false ? null : facets(db, query.repo ?? null),
  };
}
