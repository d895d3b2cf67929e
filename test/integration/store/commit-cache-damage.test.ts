import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadHistory } from '../../../src-main/core/commits/commit-cache.js';
import { COMMIT_CACHE_FILE } from '../../../src-main/core/commits/commit-cache-store.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

// Enough commits for several batches and a cache file of many pages.
const COMMITS = 3000;
const PAGE = 65536;

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
let file: string;
let head: string;
beforeEach(() => {
  core = testCore();
  repo = new TestRepo();
  file = path.join(core.dataDir, COMMIT_CACHE_FILE);
  const blocks = Array.from({ length: COMMITS }, (_, i) => {
    const message = `${i % 3 === 0 ? 'fix' : 'feat'}(part${i % 7}): change ${i}\n\nWhy it matters, at length.\n`;
    return `commit refs/heads/main\ncommitter A <a@example.com> ${1_700_000_000 + i} +0000\ndata ${message.length}\n${message}`;
  });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: blocks.join('\n') });
  head = repo.git('rev-parse', 'main');
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

const read = () => loadHistory(core, repo.dir, { from: null, to: head });

/** Reads the history once, cached, then lets `damage` act on the closed cache file. */
async function cacheThenDamage(damage: () => void) {
  const first = await read();
  expect(first.stats).toMatchObject({ parsed: COMMITS });
  await core.commitCache.flush();
  core.commitCache.close();
  damage();
  return first;
}

/** The damaged cache gives the right history (parsed again), and is whole again afterwards. */
async function expectRebuilt(first: Awaited<ReturnType<typeof read>>) {
  const again = await read();
  expect(again.commits).toEqual(first.commits);
  expect(again.stats.fromCache).toBeLessThan(COMMITS);
  await core.commitCache.flush();
  const third = await read();
  expect(third.stats).toMatchObject({ fromCache: COMMITS, parsed: 0 });
  expect(third.commits).toEqual(first.commits);
  expect(statSync(file).isFile()).toBe(true);
  expect(core.commitCache.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

/** Direct SQL on the closed cache file, as a hand edit or another program would. */
function edit(sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

describe('a damaged commit cache is rebuilt', () => {
  it('when damaged mid-file', async () => {
    const first = await cacheThenDamage(() => {
      const pages = Math.floor(statSync(file).size / PAGE);
      expect(pages).toBeGreaterThan(4);
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(PAGE, 0xab), 0, PAGE, Math.floor(pages / 2) * PAGE);
      closeSync(fd);
    });
    await expectRebuilt(first);
  });

  it('when a row cannot be parsed', async () => {
    const first = await cacheThenDamage(() => edit("UPDATE batches SET changes = '[{not json' WHERE id = 2"));
    await expectRebuilt(first);
  });

  it('when a table was dropped', async () => {
    const first = await cacheThenDamage(() => edit('DROP TABLE commits'));
    await expectRebuilt(first);
  });

  it('when a table was dropped while the cache was open', async () => {
    const first = await read();
    await core.commitCache.flush();
    edit('DROP TABLE batches');
    await expectRebuilt(first);
  });

  it('when a directory is in its place', async () => {
    const first = await cacheThenDamage(() => {
      rmSync(file);
      mkdirSync(file);
      writeFileSync(path.join(file, 'x'), 'x');
    });
    await expectRebuilt(first);
  });
});
