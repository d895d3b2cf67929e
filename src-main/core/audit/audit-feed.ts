import type { AuditRecord, AuditSource } from '../../../shared/domain/audit.js';
import { SIGNED_ACTIONS } from '../ledger/event.js';
import { readDetails } from './audit-row.js';
import type { AuditRow } from './audit-row.js';

/**
 * The rows an audit list reads, as SQL: one shape whichever log they come from, so the same
 * filters, search, facets and paging apply to this machine's log and to a repository's ledger.
 * `ord` orders the list (newest first is `ord DESC`); `id` names one row.
 */
export interface AuditFeed {
  sql: string;
  params: Record<string, unknown>;
}

/** One row of a feed as SQLite returns it. */
export interface FeedRow extends Omit<AuditRow, 'hash' | 'prev_hash'> {
  id: string;
  source: AuditSource;
  commit_sha: string | null;
  imported: number;
  signature: string | null;
  signer: string | null;
  hash: string | null;
  prev_hash: string | null;
  ord: string;
}

/** This machine's hash-chained log, in chain order; `repo` narrows it to one repository's rows. */
export function machineFeed(repo: string | null): AuditFeed {
  return {
    sql: `SELECT 'local-' || seq AS id, seq, at, actor, action, repo, subject, details, 'local' AS source,
            NULL AS commit_sha, 0 AS imported, NULL AS signature, NULL AS signer, hash, prev_hash,
            printf('%012d', seq) AS ord
          FROM audit_events WHERE (@feedRepo IS NULL OR repo = @feedRepo)`,
    params: { feedRepo: repo },
  };
}

/**
 * A repository's audit list: every event of its shared ledger index (numbered in the ledger's
 * order, the same in every synced clone), and the events of it only this machine holds — queued
 * for the ledger, or local by nature (`localActions`: opening a repository is never shared) —
 * placed among them by time.
 */
export function repositoryFeed(root: string, localActions: Iterable<string>): AuditFeed {
  const locals = [...localActions];
  const params: Record<string, unknown> = { feedRepo: root };
  locals.forEach((action, index) => (params[`local${index}`] = action));
  const isLocal = locals.length ? `a.action IN (${locals.map((_, i) => `@local${i}`).join(', ')})` : '0';
  return {
    sql: `SELECT commit_sha AS id, ROW_NUMBER() OVER (ORDER BY at, commit_sha) AS seq, at, actor, action,
            repo, subject, details, 'ledger' AS source, commit_sha, imported, signature,
            CASE WHEN signature = 'G' THEN signer END AS signer, NULL AS hash, NULL AS prev_hash,
            at || ' ' || commit_sha AS ord
          FROM ledger_events WHERE repo = @feedRepo
          UNION ALL
          SELECT 'local-' || a.seq, a.seq, a.at, a.actor, a.action, a.repo, a.subject, a.details,
            CASE WHEN o.audit_seq IS NULL THEN 'local' ELSE 'pending' END, NULL, COALESCE(o.imported, 0),
            NULL, NULL, a.hash, a.prev_hash, a.at || ' ~' || printf('%012d', a.seq)
          FROM audit_events a LEFT JOIN ledger_outbox o ON o.audit_seq = a.seq
          WHERE a.repo = @feedRepo AND (o.audit_seq IS NOT NULL OR ${isLocal})`,
    params,
  };
}

export function toRecord(row: FeedRow): AuditRecord {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    repo: row.repo,
    subject: row.subject,
    details: readDetails(row.details),
    source: row.source,
    decision: SIGNED_ACTIONS.has(row.action),
    commit: row.commit_sha,
    imported: row.imported === 1,
    signature: row.signature,
    signer: row.signer,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
