import type { LedgerAuditList } from '../../../shared/domain/ledger.js';
import type { Core } from '../context.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import type { IndexedRow } from './ledger-index.js';
import { refreshLocalLedger } from './local-ledger.js';

/** An index row with its place in the ledger's order. */
interface Row extends IndexedRow {
  position: number;
}

/**
 * A repository's audit list read from its shared ledger (everyone's events once synced), newest
 * first: the index is brought up to the ledger's head first, so nothing is listed the ledger lacks.
 */
export async function ledgerAuditList(
  core: Core,
  dir: RepositoryRef,
  limit = 1000,
): Promise<LedgerAuditList> {
  const { root } = await repositoryContext(core, dir);
  await refreshLocalLedger(core, root);
  const rows = core.db
    .prepare(
      `SELECT * FROM (
         SELECT *, ROW_NUMBER() OVER (ORDER BY at, commit_sha) AS position FROM ledger_events WHERE repo = ?
       ) ORDER BY position DESC LIMIT ?`,
    )
    .all(root, limit) as Row[];
  const entries = rows.map((row) => ({
    seq: row.position,
    commit: row.commit_sha,
    at: row.at,
    actor: row.actor,
    action: row.action,
    repo: root,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    imported: row.imported === 1,
    signer: row.signature === 'G' ? row.signer : null,
  }));
  return { entries, pending: core.ledger.pending(root) };
}
