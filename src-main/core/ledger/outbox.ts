import type { AuditEvent } from '../../../shared/domain/audit.js';
import { signingKeyConfigured } from '../git/ledger-refs.js';
import { isAlive } from '../intent/owner.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';
import { appendToLedger } from './append.js';
import type { PendingEntry } from './append.js';
import { LOCAL_ACTIONS, SIGNED_ACTIONS } from './event.js';
import { serial } from './serial.js';

interface PendingRow {
  audit_seq: number;
  repo: string;
  imported: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  hash: string;
}

export interface FlushFailure {
  repo: string;
  events: number;
  error: string;
}

/**
 * Audit events on their way to the repository's shared ledger. An event is queued in the same
 * transaction as the action that made it, and appended to the ledger after that commits; when git
 * fails the event stays queued with the reason, and the next flush tries again.
 */
export class LedgerOutbox {
  private scheduled: Promise<FlushFailure[]> | null = null;
  private lastFailures: FlushFailure[] = [];
  /** Told after events of a repository landed in its ledger (the app shares them then). */
  onAppended: (repo: string) => void = () => undefined;
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly gitEnv: NodeJS.ProcessEnv,
    private readonly onFailure: (failure: FlushFailure) => void = () => undefined,
  ) {}

  /** Queues an event; call inside the action's transaction. Events without a repository, or local ones, stay here. */
  enqueue(event: AuditEvent): void {
    if (!event.repo || LOCAL_ACTIONS.has(event.action)) return;
    this.db.prepare('INSERT INTO ledger_outbox (audit_seq, repo) VALUES (?, ?)').run(event.seq, event.repo);
    // After the caller's transaction has committed: a rolled-back action leaves nothing to append.
    this.scheduled ??= new Promise((resolve) => setImmediate(resolve))
      .then(() => {
        this.scheduled = null;
        // A database closed meanwhile keeps its queue for the next run.
        return this.db.open ? this.flush() : [];
      })
      .catch((error: unknown) => {
        this.onFailure({ repo: '', events: 0, error: String(error) });
        return [];
      });
  }

  /** Appends every queued event (of `repo`, or of all repositories), oldest first. */
  async flush(repo?: string, env: NodeJS.ProcessEnv = this.gitEnv): Promise<FlushFailure[]> {
    const repos = repo
      ? [repo]
      : (this.db.prepare('SELECT DISTINCT repo FROM ledger_outbox').all() as { repo: string }[]).map(
          (r) => r.repo,
        );
    const failures: FlushFailure[] = [];
    for (const name of repos) {
      const failure = await serial(`ledger:${name}`, () => this.flushRepo(name, env));
      if (failure) failures.push(failure);
    }
    this.lastFailures = failures;
    return failures;
  }

  /** Waits for a scheduled flush, then reports what is still not in a ledger. */
  async settle(): Promise<FlushFailure[]> {
    if (this.scheduled) await this.scheduled;
    while (this.background.size > 0) await Promise.all(this.background);
    return this.lastFailures;
  }

  /** Work on the ledger that runs on its own (a background sync), waited for before the database closes. */
  track(job: Promise<unknown>): void {
    this.background.add(job);
    void job.finally(() => this.background.delete(job));
  }

  /** Queued events of `repo` and why the last try failed. */
  pending(repo: string): { events: number; error: string | null } {
    const row = this.db
      .prepare('SELECT COUNT(*) AS events, MAX(error) AS error FROM ledger_outbox WHERE repo = ?')
      .get(repo) as { events: number; error: string | null };
    return row;
  }

  /** Takes this repository's queued events for this process (and those of processes that died holding them). */
  private claim(repo: string): PendingRow[] {
    // Most calls find nothing queued: that is read without taking the database's write lock.
    if (!this.db.prepare('SELECT 1 FROM ledger_outbox WHERE repo = ? LIMIT 1').get(repo)) return [];
    return writeTransaction(this.db, () => {
      const holders = this.db
        .prepare('SELECT DISTINCT claimed_by FROM ledger_outbox WHERE repo = ? AND claimed_by IS NOT NULL')
        .all(repo) as { claimed_by: number }[];
      // Another live process is appending them: it will finish, or release them on failure.
      if (holders.some((h) => h.claimed_by !== process.pid && isAlive(h.claimed_by))) return [];
      this.db.prepare('UPDATE ledger_outbox SET claimed_by = ? WHERE repo = ?').run(process.pid, repo);
      return this.db
        .prepare(
          `SELECT o.audit_seq, o.repo, o.imported, a.at, a.actor, a.action, a.subject, a.details, a.hash
           FROM ledger_outbox o JOIN audit_events a ON a.seq = o.audit_seq
           WHERE o.repo = ? ORDER BY o.audit_seq`,
        )
        .all(repo) as PendingRow[];
    });
  }

  private async flushRepo(repo: string, env: NodeJS.ProcessEnv): Promise<FlushFailure | null> {
    const rows = this.claim(repo);
    if (rows.length === 0) return null;
    try {
      const canSign = rows.some((r) => !r.imported && SIGNED_ACTIONS.has(r.action))
        ? await signingKeyConfigured(repo, env)
        : false;
      const entries: PendingEntry[] = rows.map((row) => ({
        event: {
          v: 1,
          at: row.at,
          actor: row.actor,
          action: row.action,
          subject: row.subject,
          details: JSON.parse(row.details) as Record<string, unknown>,
          local: { seq: row.audit_seq, hash: row.hash },
          imported: row.imported === 1,
        },
        sign: canSign && row.imported === 0 && SIGNED_ACTIONS.has(row.action),
      }));
      await appendToLedger(repo, entries, env);
      const done = this.db.prepare('DELETE FROM ledger_outbox WHERE audit_seq = ?');
      writeTransaction(this.db, () => rows.forEach((row) => done.run(row.audit_seq)));
      this.onAppended(repo);
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.db
        .prepare('UPDATE ledger_outbox SET error = ?, claimed_by = NULL WHERE repo = ? AND claimed_by = ?')
        .run(message, repo, process.pid);
      const failure = { repo, events: rows.length, error: message };
      this.onFailure(failure);
      return failure;
    }
  }
}
