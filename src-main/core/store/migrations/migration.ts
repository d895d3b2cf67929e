import { DeskError } from '../../errors.js';
import type { Db } from '../database.js';
import { writeTransaction } from '../write-transaction.js';

export interface Migration {
  /** Applied in ascending order; the database's `user_version` is the last applied. */
  version: number;
  name: string;
  sql: string;
}

function tooNew(current: number, latest: number): DeskError {
  return new DeskError(
    'database-too-new',
    `The state database is from a newer Release Desk (schema ${current}, this version knows ${latest}). ` +
      'Update Release Desk, or use another --data-dir.',
  );
}

/**
 * Applies the pending migrations and stamps `applicationId`, all in one exclusive transaction
 * that reads the schema version only once it holds the lock: processes starting at once apply
 * each migration exactly once, and a crash leaves the schema as it was before. (Reading the
 * version before the lock let a second process re-run a migration another had applied.)
 */
export function migrate(db: Db, migrations: Migration[], applicationId: number): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const version = () => db.pragma('user_version', { simple: true }) as number;
  const stamped = () => db.pragma('application_id', { simple: true }) === applicationId;
  if (version() > latest) throw tooNew(version(), latest);
  if (version() === latest && stamped()) return;
  writeTransaction(
    db,
    () => {
      const current = version();
      if (current > latest) throw tooNew(current, latest);
      for (const migration of migrations) {
        if (migration.version > current) db.exec(migration.sql);
      }
      if (current < latest) db.pragma(`user_version = ${latest}`);
      if (!stamped()) db.pragma(`application_id = ${applicationId}`);
    },
    'exclusive',
  );
}
