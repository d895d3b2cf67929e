import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DeskError } from '../errors.js';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { databaseOptions } from './native-binding.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'release-desk.sqlite';

/**
 * Opens (creating if needed) the state database in `dataDir`, applies pending migrations, and
 * refuses a database written by a newer Release Desk rather than risk corrupting it.
 */
export function openDatabase(dataDir: string, migrations: Migration[] = allMigrations): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE), databaseOptions());
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db, migrations: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new DeskError(
      'database-too-new',
      `The state database is from a newer Release Desk (schema ${current}, this version knows ${latest}). ` +
        'Update Release Desk, or use another --data-dir.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
