import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import type { LedgerEvent } from '../../../src-main/core/ledger/event.js';
import { readLedger } from '../../../src-main/core/ledger/read.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

const run = promisify(execFile);

function event(actor: string, n: number): LedgerEvent {
  return {
    v: 1,
    at: new Date(Date.UTC(2026, 2, 3, 10, 0, n)).toISOString(),
    actor: `${actor} <${actor}@example.com>`,
    action: 'test.appended',
    subject: `${actor}-${n}`,
    details: { n },
    local: null,
    imported: false,
  };
}

/** The append code bundled for plain Node, so a second process runs exactly what the app runs. */
function appenderScript(dir: string): string {
  const entry = path.join(dir, 'appender.ts');
  const outfile = path.join(dir, 'appender.mjs');
  const source = path.resolve('src-main/core/ledger/append.ts');
  buildSync({
    stdin: {
      contents: `import { appendToLedger } from ${JSON.stringify(source)};
const [repo, actor, count] = process.argv.slice(2);
for (let n = 0; n < Number(count); n += 1) {
  await appendToLedger(repo, [{ sign: false, event: { v: 1, at: new Date(Date.UTC(2026, 2, 3, 11, 0, n)).toISOString(),
    actor: actor + ' <' + actor + '@example.com>', action: 'test.appended', subject: actor + '-' + n, details: { n },
    local: null, imported: false } }]);
}`,
      resolveDir: dir,
      sourcefile: entry,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Bundled CommonJS dependencies (simple-git) still call require() for Node built-ins, as in the app's build.
    banner: {
      js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);",
    },
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

describe('the ledger ref', () => {
  let repo: TestRepo;
  afterEach(() => repo.remove());

  it('appends one commit per event, parent = previous head, and reads them back in order', async () => {
    repo = new TestRepo();
    repo.commit('feat: start');
    const first = await appendToLedger(repo.dir, [{ event: event('ada', 1), sign: false }]);
    const second = await appendToLedger(repo.dir, [
      { event: event('ada', 2), sign: false },
      { event: event('ada', 3), sign: false },
    ]);
    expect(repo.git('rev-parse', 'refs/release-desk/ledger')).toBe(second);
    expect(repo.git('rev-list', '--count', 'refs/release-desk/ledger')).toBe('3');
    expect(repo.git('rev-list', '--max-parents=0', 'refs/release-desk/ledger')).toBe(first);
    const entries = await readLedger(repo.dir);
    expect(entries.map((e) => e.event.subject)).toEqual(['ada-1', 'ada-2', 'ada-3']);
    expect(entries[0]!.signature.status).toBe('N');
    // Branches and the working tree are untouched.
    expect(repo.git('branch', '--format=%(refname:short)')).toBe('main');
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('loses no event when many appends race in one process (compare-and-swap)', async () => {
    repo = new TestRepo();
    repo.commit('feat: start');
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        appendToLedger(repo.dir, [{ event: event('racer', n), sign: false }]),
      ),
    );
    const subjects = (await readLedger(repo.dir)).map((e) => e.event.subject).sort();
    expect(subjects).toHaveLength(12);
    expect(new Set(subjects).size).toBe(12);
  });

  it('loses no event when two processes append at once', async () => {
    repo = new TestRepo();
    repo.commit('feat: start');
    const scratch = tempDir('release-desk-appender-');
    const script = appenderScript(scratch);
    try {
      await Promise.all([
        run(process.execPath, [script, repo.dir, 'alice', '15']),
        run(process.execPath, [script, repo.dir, 'bob', '15']),
      ]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const entries = await readLedger(repo.dir);
    expect(entries).toHaveLength(30);
    expect(entries.filter((e) => e.event.actor.startsWith('alice'))).toHaveLength(15);
    expect(new Set(entries.map((e) => e.commit)).size).toBe(30);
    expect(repo.git('rev-list', '--count', 'refs/release-desk/ledger')).toBe('30');
  });
});
