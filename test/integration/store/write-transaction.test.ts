import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src-main/core/store/database.js';
import { DATABASE_FILE, openDatabase } from '../../../src-main/core/store/database.js';
import { writeTransaction } from '../../../src-main/core/store/write-transaction.js';
import { tempDir } from '../../support/git-fixture.js';
import { holdWriteLock } from './lock-holder.js';

let dir = '';
let file = '';
let db: Db;
beforeEach(() => {
  dir = tempDir('release-desk-data-');
  file = path.join(dir, DATABASE_FILE);
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const paths = () => db.prepare('SELECT path FROM repositories ORDER BY path').pluck().all();

/** Reads, then writes what it read: the shape that failed at once with "database is locked". */
function addRepository(name: string): void {
  const count = db.prepare('SELECT count(*) FROM repositories').pluck().get() as number;
  db.prepare('INSERT INTO repositories VALUES (?, ?, ?)').run(`/${name}`, `${name} after ${count}`, 'now');
}

describe('a write transaction', () => {
  it("waits for another process's write to end instead of failing, and sees it", async () => {
    const holder = await holdWriteLock(file, 300, "INSERT INTO repositories VALUES ('/b', 'b', 'now')");
    writeTransaction(db, () => addRepository('a'));
    await holder.done;
    expect(paths()).toEqual(['/a', '/b']);
    expect(db.prepare("SELECT name FROM repositories WHERE path = '/a'").pluck().get()).toBe('a after 1');
  });

  it('tries again after the busy timeout, and commits once', async () => {
    db.pragma('busy_timeout = 20');
    const holder = await holdWriteLock(file, 120);
    writeTransaction(db, () => addRepository('a'));
    await holder.done;
    expect(paths()).toEqual(['/a']);
  });

  it('gives up after its tries, saying nothing was changed, and nothing was', async () => {
    db.pragma('busy_timeout = 20');
    const holder = await holdWriteLock(file, 2000);
    expect(() => writeTransaction(db, () => addRepository('a'))).toThrow(
      `The state database ${file} stayed locked by another Release Desk process; nothing was changed. Try again.`,
    );
    await holder.done;
    expect(paths()).toEqual([]);
  });

  it('is a savepoint inside another transaction: its failure undoes only itself', () => {
    writeTransaction(db, () => {
      addRepository('a');
      expect(() =>
        writeTransaction(db, () => {
          addRepository('b');
          throw new Error('step failed');
        }),
      ).toThrow('step failed');
    });
    expect(paths()).toEqual(['/a']);
  });
});
