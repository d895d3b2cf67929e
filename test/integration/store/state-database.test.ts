import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  DATABASE_FILE,
  openDatabase,
  takeDatabaseNotice,
} from '../../../src-main/core/store/database.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import { tempDir, TestRepo } from '../../support/git-fixture.js';
import { buildCli, runBuiltCli } from './built-cli.js';
import { holdWriteLock } from './lock-holder.js';

const LATEST = migrations.at(-1)!.version;
let dir = '';
let file = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fresh(): void {
  dir = tempDir('release-desk-data-');
  file = path.join(dir, DATABASE_FILE);
}

function tables(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrations', () => {
  it('re-read the schema version under the lock, so a migration another process applied meanwhile is not run again', async () => {
    fresh();
    openDatabase(dir, migrations.slice(0, 1)).close();
    // Another process migrates the rest while holding the lock; its last migration drops a table
    // an earlier one made, which a second run of that earlier one would bring back.
    const rest = `${migrations
      .slice(1)
      .map((m) => m.sql)
      .join('\n')}\nPRAGMA user_version = ${LATEST};`;
    const holder = await holdWriteLock(file, 400, rest);
    const db = openDatabase(dir);
    await holder.done;
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(tables(db)).toEqual(expect.arrayContaining(['trains', 'promotions', 'approvals', 'audit_events']));
    expect(tables(db)).not.toContain('commit_cache');
    db.close();
  });

  it('stamp our application_id on a new database and on one of ours written before it existed, keeping its data', () => {
    fresh();
    const db = openDatabase(dir);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();

    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const old = new Database(file);
    for (const migration of migrations.slice(0, 4)) old.exec(migration.sql);
    old.pragma('user_version = 4');
    old.prepare("INSERT INTO repositories VALUES ('/r', 'r', '2026-01-01')").run();
    old.close();
    const upgraded = openDatabase(dir);
    expect(upgraded.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(upgraded.prepare('SELECT path FROM repositories').pluck().all()).toEqual(['/r']);
    upgraded.close();
  });
});

describe('a file that is not our state database', () => {
  const refused = (why: RegExp) =>
    expect(() => openDatabase(dir)).toThrow(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a Release Desk state database \\(${why.source}`,
      ),
    );

  it('is replaced when empty (0 bytes hold nothing), saying so once, and its stale WAL is not replayed', () => {
    fresh();
    // A WAL the truncated database left behind: replayed into the new file, it would corrupt it.
    const old = new Database(path.join(dir, 'old.sqlite'));
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE notes (text); INSERT INTO notes VALUES (1)');
    writeFileSync(`${file}-wal`, readFileSync(path.join(dir, 'old.sqlite-wal')));
    old.close();
    writeFileSync(file, '');
    const db = openDatabase(dir);
    expect(takeDatabaseNotice(db)).toBe(
      `${file} was empty (0 bytes), so it was replaced by a new state database: promotions, approvals, ` +
        "trains and hotfixes are rebuilt from each repository's ledger when it is next opened.",
    );
    expect(takeDatabaseNotice(db)).toBeNull();
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(tables(db)).toEqual(expect.arrayContaining(['trains', 'hotfixes', 'ledger_events']));
    expect(tables(db)).not.toContain('notes');
    db.close();
    expect(readdirSync(dir).filter((name) => name.includes('.new') || name.endsWith('.replacing'))).toEqual(
      [],
    );
    // Opened again, it is simply ours: nothing to say.
    const again = openDatabase(dir);
    expect(takeDatabaseNotice(again)).toBeNull();
    again.close();
  });

  it('is refused when it is an empty file behind a symlink, and left empty', () => {
    fresh();
    const target = path.join(dir, 'elsewhere');
    writeFileSync(target, '');
    symlinkSync(target, file);
    refused(/it is empty: 0 bytes\)\. Nothing was changed/);
    expect(statSync(target).size).toBe(0);
  });

  it("is refused when it is another application's database, and left as it was", () => {
    fresh();
    const other = new Database(file);
    other.pragma('application_id = 42');
    other.exec('CREATE TABLE notes (text)');
    other.close();
    refused(/it belongs to another application, id 42\)/);
    const check = new Database(file);
    expect(tables(check)).toEqual(['notes']);
    check.close();
  });

  it('is refused when it holds tables we did not make', () => {
    fresh();
    const other = new Database(file);
    other.exec('CREATE TABLE notes (text); CREATE TABLE tags (name)');
    other.close();
    refused(/it holds tables Release Desk did not make: notes, tags\)/);
  });

  it('is refused when SQLite cannot read it, or it is a directory', () => {
    fresh();
    writeFileSync(file, 'not a database, but long enough to look like a header of one'.repeat(20));
    refused(/SQLite cannot read it: file is not a database\)/);
    rmSync(file);
    mkdirSync(file);
    refused(/it is not a regular file\)/);
  });
});

describe('many processes at once', () => {
  let built: ReturnType<typeof buildCli>;
  let repo: TestRepo;
  beforeAll(() => {
    built = buildCli();
    repo = new TestRepo();
    repo.commit('feat: first');
  }, 120_000);
  afterAll(() => {
    built.remove();
    repo.remove();
  });

  it('meeting one 0-byte database all open it, and exactly one replaces it and says so', async () => {
    for (let round = 0; round < 3; round++) {
      fresh();
      writeFileSync(file, '');
      const runs = await Promise.all(
        Array.from({ length: 6 }, () =>
          runBuiltCli(built.cli, ['audit', 'verify', '--data-dir', dir], { cwd: repo.dir }),
        ),
      );
      expect(runs.filter((run) => run.code !== 0)).toEqual([]);
      expect(
        runs.filter((run) => run.stderr.includes('was empty (0 bytes), so it was replaced')),
      ).toHaveLength(1);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('opening one fresh data dir all migrate it exactly once', async () => {
    const rounds = 6;
    const processes = 8;
    for (let round = 0; round < rounds; round++) {
      fresh();
      const runs = await Promise.all(
        Array.from({ length: processes }, () =>
          runBuiltCli(built.cli, ['audit', 'verify', '--data-dir', dir], { cwd: repo.dir }),
        ),
      );
      expect(runs.filter((run) => run.code !== 0)).toEqual([]);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
