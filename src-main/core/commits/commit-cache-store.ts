import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../store/database.js';

export const COMMIT_CACHE_FILE = 'commit-cache.sqlite';
// Bumped when the table's shape changes: the cache is rebuilt, never migrated.
const CACHE_SCHEMA = 1;

/**
 * Parsed commits live in their own database file beside the state database. The cache is
 * disposable, so it is tuned for bulk writes (64 KiB pages made 100k inserts 3× faster than
 * 4 KiB ones), a damaged or foreign file is simply recreated, and filling it never holds the
 * state database's write lock (audit events, approvals) for a second.
 */
export class CommitCacheStore {
  #db: Db | null = null;

  /** `file` null keeps the cache in memory (a state database in memory has no directory). */
  constructor(private readonly file: string | null) {}

  /** Beside the state database `db`, opened on first use. */
  static besideState(db: Db): CommitCacheStore {
    return new CommitCacheStore(db.memory ? null : path.join(path.dirname(db.name), COMMIT_CACHE_FILE));
  }

  get db(): Db {
    return (this.#db ??= this.open());
  }

  close(): void {
    this.#db?.close();
    this.#db = null;
  }

  private open(): Db {
    if (this.file === null) return openCache(':memory:');
    try {
      return openCache(this.file);
    } catch (error) {
      if (!isDamaged(error)) throw error;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.file}${suffix}`, { force: true });
      return openCache(this.file);
    }
  }
}

/** Not a database, or a damaged one: what a cache may simply start again from. */
function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

function openCache(file: string): Db {
  const db = new Database(file);
  try {
    // page_size only applies to a new file, before WAL is on; NORMAL in WAL mode can lose the
    // last writes on power loss but never corrupts: for a cache, the right trade.
    db.pragma('page_size = 65536');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The app and a CLI run may fill the same cache at once.
    db.pragma('busy_timeout = 5000');
    if (db.pragma('user_version', { simple: true }) !== CACHE_SCHEMA) {
      // Commits are content-addressed, so a SHA names the same commit in every repository.
      // raw: git's record of the commit after its SHA; changes: the parse, as JSON (commit-codec.ts).
      db.exec(`
        DROP TABLE IF EXISTS commits;
        CREATE TABLE commits (
          sha TEXT PRIMARY KEY,
          parser INTEGER NOT NULL,
          raw TEXT NOT NULL,
          changes TEXT NOT NULL
        );
        PRAGMA user_version = ${CACHE_SCHEMA};
      `);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
