import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import { loadHistory } from '../../../src-main/core/commits/commit-cache.js';
import { COMMIT_PARSER_VERSION } from '../../../src-main/core/commits/parse-message.js';
import { COMMIT_CACHE_FILE } from '../../../src-main/core/commits/commit-cache-store.js';
import { listShas, readCommits, readHistory } from '../../../src-main/core/git/log.js';
import type { RawCommit } from '../../../src-main/core/git/log.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
let progress: ProgressEvent[];
beforeEach(() => {
  progress = [];
  core = testCore({ progress: (event) => progress.push(event) });
  repo = new TestRepo();
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

/** `count` commits on branch main (on top of `parent`), made at once by fast-import; main's SHA. */
function importHistory(count: number, parent?: string): string {
  const blocks: string[] = [];
  for (let i = 0; i < count; i++) {
    const message = `feat: change ${parent ? 'on top ' : ''}${i}\n`;
    const from = i === 0 && parent ? `from ${parent}\n` : '';
    blocks.push(
      `commit refs/heads/main\ncommitter A <a@example.com> ${1_700_000_000 + i} +0000\ndata ${message.length}\n${message}${from}`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: blocks.join('\n') });
  return repo.git('rev-parse', 'main');
}

async function readAll(from: string | null = null): Promise<RawCommit[]> {
  const commits: RawCommit[] = [];
  await readHistory(repo.dir, { from, to: repo.head() }, (commit) => commits.push(commit));
  return commits;
}

/** A commit by an author with a non-ASCII name, its message kept byte for byte. */
function commitVerbatimAsZoe(message: string): void {
  const zoe = { GIT_AUTHOR_NAME: 'Zoë Ünicode', GIT_AUTHOR_EMAIL: 'zoe@example.org' };
  repo.gitWithEnv(zoe, 'commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', message);
}

describe('reading history', () => {
  it('streams every field, multi-line bodies and odd characters intact, newest first', async () => {
    const first = repo.commit('feat: first');
    const tricky = 'fix(ui): tabs\tand \x1e record marks\n\nBody line\x1f with a field mark\n\n  indented\n';
    commitVerbatimAsZoe(tricky);
    const commits = await readAll();
    expect(commits.map((c) => c.sha)).toEqual([repo.head(), first]);
    expect(commits[0]).toMatchObject({
      parents: [first],
      authorName: 'Zoë Ünicode',
      authorEmail: 'zoe@example.org',
      message: tricky,
    });
    expect(commits[0]!.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(commits[1]!.parents).toEqual([]);
  });

  it('reads a range, lists SHAs in the same order, and reads named commits without walking', async () => {
    const a = repo.commit('feat: a');
    const b = repo.commit('fix: b');
    const c = repo.commit('fix: c');
    expect((await readAll(a)).map((x) => x.sha)).toEqual([c, b]);
    expect(await listShas(repo.dir, { from: a, to: c })).toEqual([c, b]);
    const named: string[] = [];
    await readCommits(repo.dir, [a, c], (commit) => named.push(commit.sha));
    expect(named).toEqual([a, c]);
  });

  it('reads long histories through a worker thread with the same result, and reports git failures', async () => {
    repo.commit('feat: first\n\nwith a body');
    repo.commit('fix: second');
    const long: RawCommit[] = [];
    await readHistory(repo.dir, { from: null, to: repo.head() }, (c) => long.push(c), { long: true });
    expect(long).toEqual(await readAll());
    const unknown = 'f'.repeat(40);
    await expect(
      readHistory(repo.dir, { from: null, to: unknown }, () => undefined, { long: true }),
    ).rejects.toMatchObject({ code: 'git-failed' });
  });

  it('holds back git when the parser falls behind on a long read, and loses nothing', async () => {
    // 160 commits of 50 KB each: far more output than the chunks allowed in flight.
    const blocks = Array.from({ length: 160 }, (_, i) => {
      const message = `fix: change ${i}\n\n${'x'.repeat(50_000)}\n`;
      return `commit refs/heads/main\ncommitter A <a@example.com> ${1_700_000_000 + i} +0000\ndata ${message.length}\n${message}`;
    });
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: blocks.join('\n') });
    const subjects: string[] = [];
    await readHistory(
      repo.dir,
      { from: null, to: repo.git('rev-parse', 'main') },
      (commit) => {
        const until = Date.now() + 2;
        while (Date.now() < until); // a slow parser
        if (commit.message.includes(`\n\n${'x'.repeat(50_000)}`))
          subjects.push(commit.message.split('\n', 1)[0]!);
      },
      { long: true },
    );
    expect(subjects).toEqual(Array.from({ length: 160 }, (_, i) => `fix: change ${159 - i}`));
  });

  it('accepts only full SHAs for ranges, so nothing typed by a user reaches git unresolved', async () => {
    repo.commit('feat: a');
    await expect(readHistory(repo.dir, { from: null, to: '--all' }, () => undefined)).rejects.toMatchObject({
      code: 'invalid-ref',
    });
    await expect(listShas(repo.dir, { from: 'HEAD~1', to: repo.head() })).rejects.toMatchObject({
      code: 'invalid-ref',
    });
  });
});

describe('the commit cache', () => {
  it('parses every commit once: reopening parses only the new commits', async () => {
    for (let i = 0; i < 5; i++) repo.commit(`feat: change ${i}`);
    const first = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(first.stats).toEqual({ total: 5, fromCache: 0, parsed: 5 });

    const again = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(again.stats).toEqual({ total: 5, fromCache: 5, parsed: 0 });
    expect(again.commits).toEqual(first.commits);

    const newest = repo.commit('fix: one more\n\nCloses #7');
    const reopened = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(reopened.stats).toEqual({ total: 6, fromCache: 5, parsed: 1 });
    expect(reopened.commits[0]).toMatchObject({
      sha: newest,
      changes: [{ type: 'fix', references: ['#7'] }],
    });
  });

  it('gives back headers and bodies exactly, whether stored as positions in the message or as text', async () => {
    repo.commit(
      'feat(api): add a route\n\nThe body, two lines\nlong.\n\nfix: and a second change\n\nCloses #3',
    );
    const first = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    const again = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(again.commits).toEqual(first.commits);
    expect(first.commits[0]!.changes.length).toBeGreaterThan(1);

    // Short headers and bodies are written out rather than as positions: both forms read back.
    const { sha, changes } = first.commits[0]!;
    const asText = changes.map((c) => [
      ...[c.type, c.scope, c.subject, c.header, c.body, c.breaking ? 1 : 0],
      ...[c.notes.map((n) => n.text), c.references, c.releaseAs, null, c.conventional ? 1 : 0],
    ]);
    const db = core.commitCache.db;
    const { batch, slot } = db.prepare('SELECT batch, slot FROM commits WHERE sha = ?').get(sha) as {
      batch: number;
      slot: number;
    };
    const stored = JSON.parse(
      db.prepare('SELECT changes FROM batches WHERE id = ?').pluck().get(batch) as string,
    );
    stored[slot] = asText;
    db.prepare('UPDATE batches SET changes = ? WHERE id = ?').run(JSON.stringify(stored), batch);
    const old = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(old.stats).toMatchObject({ fromCache: 1, parsed: 0 });
    expect(old.commits).toEqual(first.commits);
  });

  it('keeps messages holding field marks and odd characters intact through the cache', async () => {
    commitVerbatimAsZoe('fix(ui): a \x1f mark\n\nBody\x1f with\x1e marks\n\nCloses #4\n');
    repo.checkout('side', true);
    repo.commit('feat: side');
    repo.checkout('main');
    const merge = repo.merge('side');
    const first = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    const again = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(again.stats).toMatchObject({ fromCache: first.commits.length, parsed: 0 });
    expect(again.commits).toEqual(first.commits);
    expect(again.commits.at(-1)).toMatchObject({ authorName: 'Zoë Ünicode', parents: [] });
    expect(again.commits.find((c) => c.sha === merge)?.parents).toHaveLength(2);
  });

  it('lives in its own file beside the state database, and recreates it when it is damaged', async () => {
    const file = path.join(core.dataDir, COMMIT_CACHE_FILE);
    const tables = core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).not.toContain('commit_cache');
    repo.commit('feat: a');
    core.commitCache.close();
    writeFileSync(file, 'not a database, but long enough to look like a header of one'.repeat(20));
    const history = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(history.stats).toMatchObject({ fromCache: 0, parsed: 1 });
    expect((await loadHistory(core, repo.dir, { from: null, to: repo.head() })).stats.fromCache).toBe(1);
  });

  it('is keyed by SHA alone, so a clone reuses what its origin cached', async () => {
    repo.commit('feat: shared');
    await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    const clone = new TestRepo(undefined, false);
    try {
      clone.git('clone', '-q', repo.dir, '.');
      const history = await loadHistory(core, clone.dir, { from: null, to: clone.head() });
      expect(history.stats).toMatchObject({ fromCache: 1, parsed: 0 });
    } finally {
      clone.remove();
    }
  });

  it('re-parses commits written by another parser version, and drops what that version wrote', async () => {
    repo.commit('feat: a');
    await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    const db = core.commitCache.db;
    db.prepare('UPDATE batches SET parser = ?, changes = ?').run(COMMIT_PARSER_VERSION - 1, '[]');
    const history = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(history.stats).toMatchObject({ fromCache: 0, parsed: 1 });
    expect(history.commits[0]!.changes[0]).toMatchObject({ type: 'feat', subject: 'a' });
    expect(db.prepare('SELECT parser FROM batches').pluck().all()).toEqual([COMMIT_PARSER_VERSION]);
    expect((await loadHistory(core, repo.dir, { from: null, to: repo.head() })).stats.fromCache).toBe(1);
  });

  it("parses again a commit whose index entry points at another commit's record", async () => {
    repo.commit('feat: a');
    repo.commit('fix: b');
    const first = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    core.commitCache.db.prepare('UPDATE commits SET slot = 1 - slot').run();
    const again = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(again.stats).toMatchObject({ fromCache: 0, parsed: 2 });
    expect(again.commits).toEqual(first.commits);
  });

  it('reads a long history for the first time in one walk, with progress; then finds it cached', async () => {
    const main = importHistory(5200);
    const history = await loadHistory(core, repo.dir, { from: null, to: main }, { job: 'scan-1' });
    expect(history.stats).toEqual({ total: 5200, fromCache: 0, parsed: 5200 });
    expect(history.commits.map((c) => c.sha)).toEqual(await listShas(repo.dir, { from: null, to: main }));
    // Not listed first, so the count is known only at the end.
    expect(progress[0]).toMatchObject({
      job: 'scan-1',
      kind: 'history',
      done: 5000,
      total: null,
      finished: false,
    });
    expect(progress.at(-1)).toMatchObject({ job: 'scan-1', done: 5200, total: 5200, finished: true });

    // Read again at once, while the first read's cache write may still be running: it waits for it.
    const again = await loadHistory(core, repo.dir, { from: null, to: main });
    expect(again.stats).toEqual({ total: 5200, fromCache: 5200, parsed: 0 });

    // A long history mostly cached: the sample finds it, so only the new commit is parsed.
    repo.git('reset', '-q', '--hard', 'main');
    repo.commit('fix: one more');
    const reopened = await loadHistory(core, repo.dir, { from: null, to: repo.head() });
    expect(reopened.stats).toMatchObject({ total: 5201, fromCache: 5200, parsed: 1 });
    await core.commitCache.flush();
    expect(core.commitCache.db.prepare('SELECT count(*) FROM commits').pluck().get()).toBe(5201);
  });

  it('reports a long range read with its count known from the start', async () => {
    const main = importHistory(5300);
    const from = repo.git('rev-parse', 'main~5200');
    const history = await loadHistory(core, repo.dir, { from, to: main }, { job: 'scan-2' });
    expect(history.stats).toEqual({ total: 5200, fromCache: 0, parsed: 5200 });
    expect(progress[0]).toMatchObject({ job: 'scan-2', done: 5000, total: 5200, finished: false });
    expect(progress.at(-1)).toMatchObject({ job: 'scan-2', done: 5200, total: 5200, finished: true });
  });

  it('gives up a first read on meeting cached commits, and parses only the new ones', async () => {
    const base = importHistory(3000);
    await loadHistory(core, repo.dir, { from: null, to: base });
    await core.commitCache.flush();
    const top = importHistory(100, base);
    const history = await loadHistory(core, repo.dir, { from: null, to: top });
    expect(history.stats).toEqual({ total: 3100, fromCache: 3000, parsed: 100 });
    await core.commitCache.flush();
    expect(core.commitCache.db.prepare('SELECT count(*) FROM commits').pluck().get()).toBe(3100);
    expect(core.commitCache.db.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(4);
  });
});
