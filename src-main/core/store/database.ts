import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
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

const notices = new WeakMap<Db, string>();

/**
 * What opening the database did that the user should hear about, once: the first call for a
 * database returns it (the CLI's stderr, the app's repository-open warnings), later ones null.
 */
export function takeDatabaseNotice(db: Db): string | null {
  const notice = notices.get(db) ?? null;
  notices.delete(db);
  return notice;
}

/**
 * Opens (creating if needed) the state database in `dataDir` and applies pending migrations.
 * Refuses, changing nothing, a database written by a newer Release Desk, and a file that is not
 * ours (another application's, not a database): it may hold someone's data, so it is never
 * replaced. A 0-byte file holds nothing (a truncated database): it is replaced by a new one,
 * whose index each repository's ledger fills again on its next use, and the user is told.
 */
export function openDatabase(dataDir: string, migrations: Migration[] = allMigrations): Db {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const found = lstatSync(file, { throwIfNoEntry: false });
  if (!found) createDatabase(file, migrations);
  const replaced = found?.isFile() === true && found.size === 0 && replaceEmptyDatabase(file, migrations);
  const db = openFile(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    assertOurs(db, file, migrations);
    migrate(db, migrations, APPLICATION_ID);
    if (replaced) {
      notices.set(
        db,
        `${file} was empty (0 bytes), so it was replaced by a new state database: promotions, ` +
          "approvals, trains and hotfixes are rebuilt from each repository's ledger when it is next opened.",
      );
    }
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
  withNewDatabase(file, migrations, (temp) => {
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  });
}

/** Builds a complete new database under a temporary name, hands it to `place`, then removes what is left. */
function withNewDatabase(file: string, migrations: Migration[], place: (temp: string) => void): void {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  try {
    const db = new Database(temp, databaseOptions());
    try {
      db.pragma('journal_mode = WAL');
      migrate(db, migrations, APPLICATION_ID);
    } finally {
      db.close();
    }
    place(temp);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
  }
}

const LOCK_WAIT_MS = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process id a lock file names; NaN while it is being written, or gone. */
function lockHolder(lock: string): number {
  try {
    return Number(readFileSync(lock, 'utf8').trim() || NaN);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NaN;
    throw error;
  }
}

/**
 * Replaces a 0-byte database file with a new database, renamed over it. Processes meeting the
 * empty file at once take turns through an exclusive lock file, and each looks again under it:
 * only the first finds it empty and replaces it; the others open what it put there. A WAL left
 * beside the empty file belongs to the old database and would be replayed into the new one, so
 * it goes too. Returns whether this process replaced it.
 */
function replaceEmptyDatabase(file: string, migrations: Migration[]): boolean {
  const lock = `${file}.replacing`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(lock);
      // A holder that died mid-way left its lock: the file is looked at again by whoever is next.
      if (Number.isInteger(holder) && !isAlive(holder)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw refusal(file, `it is empty, and ${lock} stays locked`);
      else Atomics.wait(pause, 0, 0, 20);
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      const now = lstatSync(file, { throwIfNoEntry: false });
      if (!now?.isFile() || now.size !== 0) return false;
      for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      withNewDatabase(file, migrations, (temp) => renameSync(temp, file));
      return true;
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
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
  // A 0-byte file of our own was replaced above; one behind a symlink is someone else's.
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
