import { canonicalJson } from '../audit/canonical-json.js';
import { isFullSha, readLedgerObjects } from '../git/ledger-objects.js';
import { LEDGER_REF, logLedger } from '../git/ledger-refs.js';
import type { RawLedgerCommit } from '../git/ledger-refs.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';
import { ALLOWED_SIGNERS, allowedSignersFrom } from './allowed-signers.js';
import { countedRows, indexIntact } from './index-check.js';
import { ledgerEntries } from './read.js';
import type { LedgerEntry } from './read.js';
import { serial } from './serial.js';

interface HeadRow {
  head: string;
  signers_hash: string;
}

// Commits this process read from each repository's ledger, or found there: still there while the
// ledger only grows, and forgotten when it was rewritten (the index is rebuilt then anyway).
const known = new Map<string, Set<string>>();

/**
 * Brings the index of `root`'s ledger up to its head: only the commits since the indexed head,
 * or everything again when the allowed signers changed, the ledger was rewritten under it, or a
 * row that counts (`countedRows`) no longer says what its commit says. One git process reads the
 * head, the allowed signers and those rows' commits; at most one more asks whether the rows not
 * yet seen in the ledger are in it, and a ledger that moved one more (the new commits, each
 * signature verified once).
 * Returns the entries added (in ledger order), so callers can act on what is new.
 */
export function refreshLedgerIndex(db: Db, root: string): Promise<LedgerEntry[]> {
  return serial(`ledger:${root}`, async () => {
    const counted = countedRows(db, root);
    const objects = await readLedgerObjects(
      root,
      LEDGER_REF,
      ALLOWED_SIGNERS,
      counted.map((row) => row.commit_sha).filter(isFullSha),
    );
    const { head } = objects;
    const signers = await allowedSignersFrom(root, objects.file);
    if (!head) {
      clear(db, root);
      return [];
    }
    // An index edited where it counts is read again from the ledger.
    const inLedger = known.get(root) ?? new Set<string>();
    known.set(root, inLedger);
    const intact = await indexIntact(root, counted, objects.messages, head, signers, inLedger);
    const indexed = intact
      ? (db.prepare('SELECT head, signers_hash FROM ledger_heads WHERE repo = ?').get(root) as
          HeadRow | undefined)
      : undefined;
    if (indexed && indexed.head === head && indexed.signers_hash === signers.hash) return [];
    let since: RawLedgerCommit[] | null = null;
    if (indexed && indexed.signers_hash === signers.hash) {
      since = await logLedger(root, head, [indexed.head], null);
      // The indexed head is in the ledger's history exactly when a commit since it has it as parent.
      if (!since.some((commit) => commit.parents.includes(indexed.head))) since = null;
    }
    const incremental = since !== null;
    const commits = since ?? (await logLedger(root, head, [], null));
    if (!incremental) inLedger.clear();
    for (const commit of commits) inLedger.add(commit.sha);
    const entries = await ledgerEntries(root, commits, signers);
    const insert = db.prepare(
      `INSERT OR REPLACE INTO ledger_events
         (repo, commit_sha, at, actor, action, subject, details, imported, local_seq, signature, signer, signing_key)
       VALUES (@repo, @commit, @at, @actor, @action, @subject, @details, @imported, @localSeq, @signature, @signer, @key)`,
    );
    writeTransaction(db, () => {
      if (!incremental) clear(db, root);
      for (const { commit, event, signature } of entries) {
        insert.run({
          repo: root,
          commit,
          at: event.at,
          actor: event.actor,
          action: event.action,
          subject: event.subject,
          details: canonicalJson(event.details),
          imported: event.imported ? 1 : 0,
          localSeq: event.local?.seq ?? null,
          signature: signature.status,
          signer: signature.signer,
          key: signature.key,
        });
      }
      db.prepare(
        `INSERT INTO ledger_heads (repo, head, signers_hash) VALUES (?, ?, ?)
         ON CONFLICT (repo) DO UPDATE SET head = excluded.head, signers_hash = excluded.signers_hash`,
      ).run(root, head, signers.hash);
    });
    return entries;
  });
}

function clear(db: Db, root: string): void {
  db.prepare('DELETE FROM ledger_events WHERE repo = ?').run(root);
  db.prepare('DELETE FROM ledger_heads WHERE repo = ?').run(root);
}

export interface IndexedEvent {
  commit: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  imported: boolean;
  signature: { status: string; signer: string | null; key: string | null };
}

/** One row of the `ledger_events` index, as SQLite returns it. */
export interface IndexedRow {
  commit_sha: string;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  imported: number;
  signature: string;
  signer: string | null;
  signing_key: string | null;
}

function toIndexed(row: IndexedRow): IndexedEvent {
  return {
    commit: row.commit_sha,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    imported: row.imported === 1,
    signature: { status: row.signature, signer: row.signer, key: row.signing_key },
  };
}

/** Indexed events of `root` with one of `actions`, optionally about one subject, in ledger order. */
export function indexedEvents(db: Db, root: string, actions: string[], subject?: string): IndexedEvent[] {
  const placeholders = actions.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT * FROM ledger_events WHERE repo = ? AND action IN (${placeholders})
       AND (? IS NULL OR subject = ?) ORDER BY at, commit_sha`,
    )
    .all(root, ...actions, subject ?? null, subject ?? null) as IndexedRow[];
  return rows.map(toIndexed);
}
