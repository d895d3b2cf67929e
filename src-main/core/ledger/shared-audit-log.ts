import type { AuditEvent } from '../../../shared/domain/audit.js';
import { AuditLog } from '../audit/audit-log.js';
import type { AuditEntry } from '../audit/audit-log.js';
import type { Db } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';
import type { LedgerOutbox } from './outbox.js';

/**
 * The local audit log, unchanged (same rows, same hashes), whose every event is also queued for
 * the repository's shared ledger: the one place all actions pass through.
 */
export class SharedAuditLog extends AuditLog {
  constructor(
    private readonly store: Db,
    now: () => Date,
    private readonly outbox: LedgerOutbox,
  ) {
    super(store, now);
  }

  /** The event and its place in the queue land together (a savepoint inside the caller's transaction). */
  override append(entry: AuditEntry): AuditEvent {
    return writeTransaction(this.store, () => {
      const event = super.append(entry);
      this.outbox.enqueue(event);
      return event;
    });
  }
}
