import { canonicalJson } from '../audit/canonical-json.js';
import { gitAncestry } from '../git/ancestry.js';
import { LEDGER_REF, ledgerCommits, readRef } from '../git/ledger-refs.js';
import type { RawLedgerCommit } from '../git/ledger-refs.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';
import { allowedSigners } from './allowed-signers.js';
import { decodeEvent, SIGNED_ACTIONS } from './event.js';
import type { IndexedRow } from './ledger-index.js';

/** Whether the index row says exactly what its commit says, signature verdict included. */
function matches(row: IndexedRow, raw: RawLedgerCommit | undefined): boolean {
  const event = raw ? decodeEvent(raw.message) : null;
  if (!raw || !event) return false;
  return (
    event.at === row.at &&
    event.actor === row.actor &&
    event.action === row.action &&
    event.subject === row.subject &&
    (event.imported ? 1 : 0) === row.imported &&
    canonicalJson(event.details) === row.details &&
    raw.signature === row.signature &&
    (raw.signer || null) === row.signer
  );
}

/**
 * The decisions that count now (those of open promotions: approvals, rejections, ticks,
 * overrides) are checked against git itself: an index row edited in the database (a signature
 * marked good, a decision inserted or changed) no longer matches its commit, and then the whole
 * index is dropped to be rebuilt from the ledger. Returns whether it was dropped.
 */
export async function dropTamperedIndex(db: Db, root: string): Promise<boolean> {
  const actions = [...SIGNED_ACTIONS];
  const rows = db
    .prepare(
      `SELECT e.* FROM ledger_events e JOIN promotions p
         ON p.repo = e.repo AND e.subject = p.tag || '@' || p.environment || '#' || p.attempt
       WHERE e.repo = ? AND p.state IN ('pending', 'in-progress')
         AND e.action IN (${actions.map(() => '?').join(', ')})`,
    )
    .all(root, ...actions) as IndexedRow[];
  if (rows.length === 0) return false;
  const head = await readRef(root, LEDGER_REF);
  let intact = head !== null;
  if (head) {
    try {
      const signers = await allowedSigners(root);
      const commits = await ledgerCommits(
        root,
        rows.map((row) => row.commit_sha),
        signers.file,
      );
      const bySha = new Map(commits.map((raw) => [raw.sha, raw]));
      // Asked side by side, the questions about one head share one git walk (not a process per row).
      const ancestry = gitAncestry(root);
      const inLedger = await Promise.all(rows.map((row) => ancestry.isAncestor(row.commit_sha, head)));
      // Each must be the commit it names, and one of the ledger's, not a commit made on the side.
      intact = rows.every((row, i) => matches(row, bySha.get(row.commit_sha)) && inLedger[i]);
    } catch {
      // A commit git does not have: the row was made up.
      intact = false;
    }
  }
  if (intact) return false;
  writeTransaction(db, () => db.prepare('DELETE FROM ledger_heads WHERE repo = ?').run(root));
  return true;
}
