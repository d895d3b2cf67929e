import { createHash } from 'node:crypto';
import type { AuditEvent, AuditPage, AuditQuery, AuditVerification } from '../../../shared/domain/audit.js';
import type { Db } from '../store/database.js';
import { machineFeed } from './audit-feed.js';
import { queryFeed } from './audit-query.js';
import type { AuditRow } from './audit-row.js';
import { toEvent } from './audit-row.js';
import { canonicalJson } from './canonical-json.js';
import { writeTransaction } from '../store/write-transaction.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  repo?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

type HashedFields = Omit<AuditEvent, 'hash' | 'prevHash'>;

function hashEvent(prevHash: string, event: HashedFields): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(event))
    .digest('hex');
}

/**
 * The append-only, hash-chained record of every action. Each event's hash covers the previous
 * hash and the event's canonical JSON, so editing or removing any event breaks the chain.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Appends inside the caller's transaction when there is one, so an action and its record land together. */
  append(entry: AuditEntry): AuditEvent {
    // Its own write transaction otherwise: reading the last hash and appending after it must not
    // interleave with another process's append.
    return writeTransaction(this.db, () => this.appendAfterLast(entry));
  }

  private appendAfterLast(entry: AuditEntry): AuditEvent {
    const last = this.db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    const fields: HashedFields = {
      seq: (last?.seq ?? 0) + 1,
      at: this.now().toISOString(),
      actor: entry.actor,
      action: entry.action,
      repo: entry.repo ?? null,
      subject: entry.subject ?? null,
      details: entry.details ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = hashEvent(prevHash, fields);
    this.db
      .prepare(
        `INSERT INTO audit_events (seq, at, actor, action, repo, subject, details, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @repo, @subject, @details, @prevHash, @hash)`,
      )
      .run({ ...fields, details: canonicalJson(fields.details), prevHash, hash });
    return { ...fields, prevHash, hash };
  }

  list(filter: { repo?: string; limit?: number } = {}): AuditEvent[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_events WHERE (@repo IS NULL OR repo = @repo) ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ repo: filter.repo ?? null, limit: filter.limit ?? 1000 }) as AuditRow[];
    return rows.map(toEvent);
  }

  /** One filtered page of this machine's log, newest first; `repo` narrows it to that repository's rows. */
  page(query: AuditQuery = {}): AuditPage {
    return { ...queryFeed(this.db, machineFeed(query.repo ?? null), query), pending: null };
  }

  /** Events about one subject (e.g. a release), oldest first. */
  forSubject(repo: string, subjectPrefix: string): AuditEvent[] {
    const rows = this.db
      .prepare(`SELECT * FROM audit_events WHERE repo = ? AND subject LIKE ? ORDER BY seq`)
      .all(repo, `${subjectPrefix}%`) as AuditRow[];
    return rows.map(toEvent);
  }

  /** Walks the whole chain and names the first event that does not fit it. */
  verify(): AuditVerification {
    const rows = this.db
      .prepare('SELECT * FROM audit_events ORDER BY seq')
      .iterate() as IterableIterator<AuditRow>;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const row of rows) {
      const broken = (reason: string): AuditVerification => ({
        ok: false,
        events: count,
        brokenAt: row.seq,
        reason,
      });
      if (row.seq !== expectedSeq) {
        return broken(`event ${expectedSeq} is missing (the chain jumps to ${row.seq})`);
      }
      if (row.prev_hash !== prevHash) {
        return broken(`event ${row.seq} does not follow event ${row.seq - 1}: previous hash differs`);
      }
      let details: Record<string, unknown>;
      try {
        details = JSON.parse(row.details) as Record<string, unknown>;
      } catch {
        return broken(`event ${row.seq} has unreadable details`);
      }
      const { hash: _stored, prev_hash: _prev, ...rest } = row;
      const recomputed = hashEvent(prevHash, { ...rest, details });
      if (recomputed !== row.hash) {
        return broken(`event ${row.seq} (${row.action}) was modified: its hash does not match its content`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    return { ok: true, events: count, head: prevHash };
  }
}
