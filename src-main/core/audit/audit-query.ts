import type { AuditFacets, AuditPage, AuditQuery, AuditRecord } from '../../../shared/domain/audit.js';
import type { Db } from '../store/database.js';
import type { AuditFeed, FeedRow } from './audit-feed.js';
import { toRecord } from './audit-feed.js';

export const DEFAULT_PAGE = 100;

// A damaged row may hold details that are not JSON; json_extract would fail the whole query on it.
const detail = (key: string) => `CASE WHEN json_valid(details) THEN json_extract(details, '$.${key}') END`;

/** `%`, `_` and the escape itself match literally in a search. */
function likeText(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause and its parameters for a query's filters (paging and scope aside). */
function where(query: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const clauses = ['1'];
  const params: Record<string, unknown> = {};
  // Cheap text tests first: SQLite checks terms in order and the JSON ones parse every row.
  if (query.search) {
    clauses.push(
      `(action LIKE @search ESCAPE '\\' OR actor LIKE @search ESCAPE '\\'
        OR subject LIKE @search ESCAPE '\\' OR details LIKE @search ESCAPE '\\'
        OR signer LIKE @search ESCAPE '\\' OR commit_sha LIKE @search ESCAPE '\\')`,
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

/** The actions, people and environments of the feed, in one scan. */
function facets(db: Db, feed: AuditFeed): AuditFacets {
  const rows = db
    .prepare(
      `WITH feed AS (${feed.sql}) SELECT action, actor, ${detail('environment')} AS environment FROM feed
       GROUP BY 1, 2, 3`,
    )
    .all(feed.params) as { action: string; actor: string; environment: unknown }[];
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    actions: sorted(rows.map((row) => row.action)),
    actors: sorted(rows.map((row) => row.actor)),
    environments: sorted(rows.flatMap((row) => (row.environment === null ? [] : [String(row.environment)]))),
  };
}

/**
 * One page of a feed (this machine's log, or a repository's ledger with its local-only events),
 * newest first, narrowed by the query's filters. Reads only; `around` finds the page that holds a
 * given event (the one `audit verify` names) under the same filters.
 */
export function queryFeed(db: Db, feed: AuditFeed, query: AuditQuery = {}): Omit<AuditPage, 'pending'> {
  const filtered = where(query);
  const params = { ...feed.params, ...filtered.params };
  const from = `WITH feed AS (${feed.sql}) SELECT * FROM feed WHERE ${filtered.sql}`;
  const limit = query.limit ?? DEFAULT_PAGE;
  const total = (db.prepare(`SELECT count(*) AS n FROM (${from})`).get(params) as { n: number }).n;
  let offset = query.offset ?? 0;
  if (query.around !== undefined) {
    const newer = db
      .prepare(
        `SELECT count(*) AS n FROM (${from}) WHERE ord > (SELECT ord FROM (${from}) WHERE id = @around)`,
      )
      .get({ ...params, around: query.around }) as { n: number };
    offset = Math.floor(newer.n / limit) * limit;
  }
  const rows = db
    .prepare(`${from} ORDER BY ord DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as FeedRow[];
  const events: AuditRecord[] = rows.map(toRecord);
  return {
    events,
    total,
    offset,
    limit,
    facets: query.facets === false ? null : facets(db, feed),
  };
}
