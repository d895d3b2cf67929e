import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { databaseOptions } from '../store/native-binding.js';

// The commit cache's file: opened tuned for bulk writes, its tables made when missing.

// Bumped when the tables' shape changes: the cache is rebuilt, never migrated.
const CACHE_SCHEMA = 3;

/** The cache file and its journal; anything else at its name too (say, a directory). */
export function removeCache(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { recursive: true, force: true });
}

export function openCache(file: string): Db {
  const db = new Database(file, databaseOptions());
  try {
    // page_size only applies to a new file, before WAL is on (64 KiB pages wrote 100k commits 3×
    // faster than 4 KiB ones); NORMAL in WAL mode can lose the last writes on power loss but
    // never corrupts: for a cache, the right trade.
    db.pragma('page_size = 65536');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The app and a CLI run may fill the same cache at once.
    db.pragma('busy_timeout = 5000');
    const tables = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('batches', 'commits')")
      .pluck()
      .get();
    if (db.pragma('user_version', { simple: true }) !== CACHE_SCHEMA || tables !== 2) {
      // Commits are content-addressed, so a SHA names the same commit in every repository.
      // records: git's records of the batch's commits (log.ts), NUL-separated; changes: their
      // parses, one JSON array per commit (commit-codec.ts).
      db.exec(`
        DROP TABLE IF EXISTS sections;
        DROP TABLE IF EXISTS diffs;
        DROP TABLE IF EXISTS histories;
        DROP TABLE IF EXISTS commits;
        DROP TABLE IF EXISTS batches;
        CREATE TABLE batches (
          id INTEGER PRIMARY KEY,
          parser INTEGER NOT NULL,
          records TEXT NOT NULL,
          changes TEXT NOT NULL
        );
        CREATE TABLE commits (
          sha TEXT PRIMARY KEY,
          batch INTEGER NOT NULL,
          slot INTEGER NOT NULL
        ) WITHOUT ROWID;
        PRAGMA user_version = ${CACHE_SCHEMA};
      `);
    }
    // Tables beside the commits, made when missing (a cache from before gains them). diffs:
    // what is known of a commit's diff (same-change.ts). histories: the SHAs of a tip's whole
    // history, newest first, newline-separated, the batches (JSON) that held its commits when last
    // read, and its graph (history-graph.ts). sections: released changelog sections as rendered
    // (markdown) and built (document, JSON), by the digest of all they are made of
    // (release-sections.ts).
    db.exec(`
      CREATE TABLE IF NOT EXISTS diffs (sha TEXT PRIMARY KEY, shape TEXT NOT NULL, patch TEXT) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS histories (
        tip TEXT PRIMARY KEY,
        shas TEXT NOT NULL,
        batches TEXT NOT NULL,
        graph TEXT NOT NULL,
        used INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sections (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        markdown TEXT NOT NULL,
        document TEXT NOT NULL
      );
    `);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
