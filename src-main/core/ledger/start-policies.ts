import { canonicalJson } from '../audit/canonical-json.js';
import { grepLedger, LEDGER_REF, readRef } from '../git/ledger-refs.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';
import { decodeEvent } from './event.js';
import type { LedgerEvent } from './event.js';
import { indexedEvents } from './ledger-index.js';

interface OpenRow {
  id: number;
  tag: string;
  environment: string;
  attempt: number;
  policy_json: string;
  policy_hash: string;
}

/**
 * A promotion's start event: from the index, whose rows of open promotions the refresh has just
 * checked against their commits (an edited start drops the index), else read from git itself
 * (a row deleted from the index, or a start still queued). Either way not the promotion's row.
 */
async function startEvent(
  db: Db,
  root: string,
  subject: string,
): Promise<Pick<LedgerEvent, 'details'> | null> {
  const [indexed] = indexedEvents(db, root, ['promotion.started'], subject);
  if (indexed) return indexed;
  const head = await readRef(root, LEDGER_REF);
  if (!head) return null;
  const found = await grepLedger(root, head, `release-desk event: promotion.started ${subject}`);
  const events = found
    .map(({ message }) => decodeEvent(message))
    .filter((e): e is LedgerEvent => e?.action === 'promotion.started' && e.subject === subject)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return events[0] ?? null;
}

/**
 * The policy an open promotion runs by is the one its start event in the ledger recorded: a row
 * edited in the database (a gate dropped, a count lowered) is put back from the ledger before
 * anything is evaluated. A promotion whose start is not in the ledger yet (still queued) keeps
 * its row. Call after `refreshLedgerIndex`, which checks the index's start rows. Returns the
 * promotions put back.
 */
export async function restoreStartPolicies(db: Db, root: string): Promise<number> {
  const open = db
    .prepare(
      `SELECT id, tag, environment, attempt, policy_json, policy_hash FROM promotions
       WHERE repo = ? AND state IN ('pending', 'in-progress')`,
    )
    .all(root) as OpenRow[];
  let restored = 0;
  for (const row of open) {
    const start = await startEvent(db, root, `${row.tag}@${row.environment}#${row.attempt}`);
    const policy = start?.details.policy;
    const hash = start?.details.policyHash;
    if (!policy || typeof hash !== 'string') continue;
    let stored: unknown = null;
    try {
      stored = JSON.parse(row.policy_json);
    } catch {
      // Not even JSON: put back all the same.
    }
    if (hash === row.policy_hash && canonicalJson(stored) === canonicalJson(policy)) continue;
    writeTransaction(db, () =>
      db
        .prepare('UPDATE promotions SET policy_json = ?, policy_hash = ? WHERE id = ?')
        .run(JSON.stringify(policy), hash, row.id),
    );
    restored += 1;
  }
  return restored;
}
