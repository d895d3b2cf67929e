import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../../src-main/core/store/database.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import { resolveDataDir } from '../../../src-main/core/store/data-dir.js';
import { tempDir } from '../../support/git-fixture.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the state database', () => {
  it('opens in WAL mode with foreign keys and every migration applied', () => {
    dir = tempDir();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
    const again = openDatabase(dir);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    again.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    dir = tempDir();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    expect(() => openDatabase(dir)).toThrow(/newer Release Desk \(schema 999/);
    const check = new Database(path.join(dir, DATABASE_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    expect(
      check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'repositories'").get(),
    ).toEqual({ n: 0 });
    check.close();
  });

  it('finds its data dir from --data-dir, then RELEASE_DESK_HOME, then XDG', () => {
    dir = tempDir();
    expect(resolveDataDir('/x/y', {})).toBe('/x/y');
    expect(resolveDataDir(undefined, { RELEASE_DESK_HOME: '/home/h' })).toBe('/home/h');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/xdg' })).toBe('/xdg/release-desk');
  });
});
