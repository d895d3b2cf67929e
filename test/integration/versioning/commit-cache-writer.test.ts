import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import { CommitCacheStore } from '../../../src-main/core/commits/commit-cache-store.js';
import { BatchEncoder, ThreadWriter } from '../../../src-main/core/commits/commit-cache-writer.js';
import { COMMIT_PARSER_VERSION } from '../../../src-main/core/commits/parse-message.js';
import { tempDir } from '../../support/git-fixture.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function commit(i: number): { commit: CommitRecord; record: string } {
  const sha = i.toString(16).padStart(40, '0');
  const message = `fix(core): mend ${i} — ünïcode\n\nA body\x1f with a field mark.\n`;
  const fields = [sha, '', '2026-01-05T09:00:00Z', 'Zoë', 'zoe@example.com'];
  return {
    commit: {
      sha,
      parents: [],
      date: fields[2]!,
      authorName: fields[3]!,
      authorEmail: fields[4]!,
      message,
      changes: [
        {
          type: 'fix',
          scope: 'core',
          subject: `mend ${i} — ünïcode`,
          header: message.split('\n', 1)[0]!,
          body: 'A body\x1f with a field mark.',
          breaking: false,
          notes: [],
          references: [],
          releaseAs: null,
          revert: null,
          conventional: true,
        },
      ],
    },
    record: [...fields, message].join('\x1f'),
  };
}

/** Sends the commits through a writer thread into `file`, as the store does for a long read. */
async function writeOnThread(file: string, made: { commit: CommitRecord; record: string }[]): Promise<void> {
  const thread = new ThreadWriter(file, COMMIT_PARSER_VERSION);
  const encoder = new BatchEncoder('bytes', (batch) => thread.write(batch));
  for (const { commit, record } of made) encoder.add(commit, record);
  encoder.finish();
  await thread.end();
}

describe('the commit cache writer thread', () => {
  it('writes batches handed over as bytes, read back exactly by the store, and leaves no WAL behind', async () => {
    const dir = tempDir('release-desk-cache-');
    dirs.push(dir);
    const file = path.join(dir, 'commit-cache.sqlite');
    const store = new CommitCacheStore(file);
    // Opening the store creates the tables the thread writes into.
    expect(await store.find([])).toEqual([]);
    const made = Array.from({ length: 2500 }, (_, i) => commit(i + 1));
    const commits = made.map((m) => m.commit);
    await writeOnThread(file, made);

    expect(store.db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(3);
    expect(await store.find(commits.map((c) => c.sha))).toEqual(commits);
    expect(statSync(`${file}-wal`).size).toBe(0);
    store.close();
  });

  it('fails without a cache file (it never creates one); the store then writes on the main thread', async () => {
    const dir = tempDir('release-desk-cache-');
    dirs.push(dir);
    const file = path.join(dir, 'commit-cache.sqlite');
    const made = Array.from({ length: 5000 }, (_, i) => commit(i + 1));
    await expect(writeOnThread(file, made)).rejects.toThrow(/unable to open database file/);
    expect(existsSync(file)).toBe(false);

    // The store's own connection stays open on the file moved away, where no thread can open it.
    const store = new CommitCacheStore(file);
    expect(await store.find([])).toEqual([]);
    renameSync(file, `${file}.moved`);
    const fill = store.fill(made.length);
    for (const { commit, record } of made) fill.add(commit, record);
    fill.end();
    await store.flush();
    expect(store.db.prepare('SELECT count(*) FROM commits').pluck().get()).toBe(5000);
    expect(existsSync(file)).toBe(false);
    store.close();
  });
});
