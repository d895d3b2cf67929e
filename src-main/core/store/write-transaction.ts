import { DeskError } from '../errors.js';
import type { Db } from './database.js';

// Each BEGIN IMMEDIATE already waits the connection's busy_timeout (5 s) for the write lock;
// this many more tries, a short random pause apart, ride out a burst of writers.
const EXTRA_TRIES = 3;
const PAUSE_MS = [50, 250] as const;

const pause = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/**
 * Runs `fn` as one write transaction that takes the write lock first (`BEGIN IMMEDIATE`). A
 * deferred transaction that reads and then writes fails at once with "database is locked" when
 * another process wrote in between; taking the lock up front makes it wait instead. Only a
 * try that was rolled back is retried, so whatever this returns committed exactly once, and a
 * thrown error means nothing of `fn` was written. Inside another transaction it is a savepoint.
 * `exclusive` also keeps readers of other connections out (migrations, outside WAL mode).
 */
export function writeTransaction<T>(db: Db, fn: () => T, lock: 'immediate' | 'exclusive' = 'immediate'): T {
  const transaction = db.transaction(fn);
  if (db.inTransaction) return transaction();
  for (let attempt = 0; ; attempt++) {
    try {
      return transaction[lock]();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt === EXTRA_TRIES) {
        throw new DeskError(
          'conflict',
          `The state database ${db.name} stayed locked by another Release Desk process; ` +
            'nothing was changed. Try again.',
        );
      }
      Atomics.wait(pause, 0, 0, PAUSE_MS[0] + Math.random() * (PAUSE_MS[1] - PAUSE_MS[0]));
    }
  }
}
