import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DeskError } from '../errors.js';
import { migrations as allMigrations } from './migrations/index.js';
import { migrate } from './migrations/migration.js';
import type { Migration } from './migrations/migration.js';
import { databaseOptions } from './native-binding.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'release-desk.sqlite';

/** `PRAGMA application_id` of our state databases ("RDSK"): how a file is told to be ours. */
export const APPLICATION_ID = 0x5244534b;

/**
 * Opens (creating if needed) the state database in `dataDir` and applies pending migrations.
 * Refuses, changing nothing, a database written by a newer Release Desk, and a file that is not
 * ours (empty, another application's, not a database): it may hold someone's data, so it is
 * never replaced.
 */
export function openDatabase(dataDir: string, migrations: Migration[] = allMigrations): Db {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  if (!lstatSync(file, { throwIfNoEntry: false })) createDatabase(file, migrations);
  const db = openFile(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    assertOurs(db, file, migrations);
    migrate(db, migrations, APPLICATION_ID);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A new database is built complete under a temporary name and linked into place, which fails
 * if another process got there first: a process starting at the same moment never opens a
 * half-made file, and a 0-byte file at our name is never one of ours in the making.
 */
function createDatabase(file: string, migrations: Migration[]): void {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  try {
    const db = new Database(temp, databaseOptions());
    try {
      db.pragma('journal_mode = WAL');
      migrate(db, migrations, APPLICATION_ID);
    } finally {
      db.close();
    }
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  }
}

function refusal(file: string, why: string): DeskError {
  return new DeskError(
    'not-a-release-database',
    `${file} is not a Release Desk state database (${why}). Nothing was changed: move it away, ` +
      'restore it from a backup, or use another --data-dir.',
  );
}

function openFile(file: string): Db {
  const info = statSync(file);
  if (!info.isFile()) throw refusal(file, 'it is not a regular file');
  if (info.size === 0) throw refusal(file, 'it is empty: 0 bytes');
  let db: Db;
  try {
    db = new Database(file, databaseOptions({ fileMustExist: true }));
    // Opening reads nothing: the first query finds out whether this is a database at all.
    db.pragma('application_id', { simple: true });
  } catch (error) {
    throw refusal(file, `SQLite cannot read it: ${(error as Error).message}`);
  }
  return db;
}

/**
 * Ours: our application_id, or (written before we set one) our audit log, or nothing at all. A
 * newer schema of ours passes here, for `migrate` to refuse with the version.
 */
function assertOurs(db: Db, file: string, migrations: Migration[]): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId === APPLICATION_ID) return;
  if (applicationId !== 0) throw refusal(file, `it belongs to another application, id ${applicationId}`);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > (migrations.at(-1)?.version ?? 0)) return;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  if (tables.length === 0 || (version > 0 && tables.includes('audit_events'))) return;
  const listed = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  throw refusal(file, `it holds tables Release Desk did not make: ${listed}`);
}
