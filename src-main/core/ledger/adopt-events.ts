import { LEDGER_REF, readRef } from '../git/ledger-refs.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';
import { serial } from './serial.js';

/** One event a projection reads: from the ledger's index, or still queued in this database. */
export interface WorkEvent {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/**
 * Where an event stands among others with the same timestamp and no writer's order between
 * them (clocks are milliseconds; a fixed test clock gives many the same): what begins a train
 * or hotfix before what changes it, before what ends it, before what follows its end.
 */
const RANK: Record<string, number> = {
  'train.cut': 0,
  'hotfix.started': 0,
  'train.frozen': 1,
  'train.approved': 2,
  'train.no-go': 2,
  'train.shipped': 3,
  'train.cancelled': 3,
  'hotfix.finished': 3,
  'hotfix.aborted': 3,
  'hotfix.carried': 4,
};

interface EventRow {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  seq: number | null;
}

/**
 * The events of `root` with one of `actions`: every one the ledger's index holds, then this
 * database's own not yet appended (an offline action still counts here), in time order; at the
 * same instant in the order their writer made them (its local sequence), then by kind.
 */
export function workEvents(db: Db, root: string, actions: string[]): WorkEvent[] {
  const placeholders = actions.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT at, actor, action, subject, details, local_seq AS seq FROM (
         SELECT at, actor, action, subject, details, local_seq, 0 AS queued, commit_sha AS tie
         FROM ledger_events WHERE repo = ? AND action IN (${placeholders})
         UNION ALL
         SELECT a.at, a.actor, a.action, a.subject, a.details, a.seq, 1, printf('%020d', a.seq)
         FROM ledger_outbox o JOIN audit_events a ON a.seq = o.audit_seq
         WHERE o.repo = ? AND a.action IN (${placeholders}))
       ORDER BY queued, tie`,
    )
    .all(root, ...actions, root, ...actions) as EventRow[];
  const events = rows.map((row, index) => ({
    event: {
      at: row.at,
      actor: row.actor,
      action: row.action,
      subject: row.subject,
      details: JSON.parse(row.details) as Record<string, unknown>,
    },
    seq: row.seq ?? Number.MAX_SAFE_INTEGER,
    index,
  }));
  events.sort(
    (a, b) =>
      (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : 0) ||
      a.seq - b.seq ||
      (RANK[a.event.action] ?? 9) - (RANK[b.event.action] ?? 9) ||
      a.index - b.index,
  );
  return events.map(({ event }) => event);
}

/**
 * Runs `project`, which says whether the rows differ from the events (`write` false: it only
 * looks) or rewrites them (`write` true). The look needs no lock; a rewrite runs in one write
 * transaction, and only when the index holds the ledger's head: between an append leaving the
 * queue and the index reading it, an event is in neither, and a projection then would drop its
 * row. Under the ledger's lock no append of this process runs meanwhile; when the index is
 * behind, the next refresh projects. Returns whether rows were rewritten.
 */
export async function whenIndexed(
  db: Db,
  root: string,
  project: (write: boolean) => boolean,
): Promise<boolean> {
  if (!project(false)) return false;
  return serial(`ledger:${root}`, async () => {
    const head = await readRef(root, LEDGER_REF);
    const indexed = db.prepare('SELECT head FROM ledger_heads WHERE repo = ?').pluck().get(root) as
      string | undefined;
    if (head !== (indexed ?? null)) return false;
    return writeTransaction(db, () => project(true));
  });
}

export const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
