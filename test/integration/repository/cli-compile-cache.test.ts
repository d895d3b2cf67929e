import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

// The built `release-desk` executable, as users run it: a launcher that runs the bundled program
// through V8's code cache. Built into node_modules/.cache so the bundle finds better-sqlite3.
let dist: string;
let cli: string;
let repo: TestRepo;
const made: string[] = [];

function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}

beforeAll(() => {
  mkdirSync(path.resolve('node_modules/.cache'), { recursive: true });
  dist = mkdtempSync(path.resolve('node_modules/.cache/release-desk-dist-'));
  execFileSync(process.execPath, ['scripts/build-main.mjs'], {
    env: { ...process.env, RELEASE_DESK_DIST: dist },
    stdio: 'ignore',
  });
  cli = path.join(dist, 'cli', 'release-desk.cjs');
  repo = new TestRepo();
  repo.commit('feat: first');
  repo.tag('v1.0.0');
  repo.commit('fix: a bug');
}, 120_000);
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  repo.remove();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function nextVersion(env: NodeJS.ProcessEnv): unknown {
  const data = tempDir('release-desk-data-');
  try {
    const out = execFileSync(process.execPath, [cli, 'next-version', '--json', '--data-dir', data], {
      cwd: repo.dir,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return JSON.parse(out);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

const EXPECTED = { current: '1.0.0', next: '1.0.1', bump: 'patch', commits: 1 };

function cacheFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('program-'));
}

describe.skipIf(process.platform === 'win32')('the release-desk executable and its code cache', () => {
  it('writes the cache on the first run, privately, and runs from it unchanged afterwards', () => {
    const dir = path.join(scratch('release-desk-cache-'), 'cache');
    expect(nextVersion({ RELEASE_DESK_COMPILE_CACHE: dir })).toMatchObject(EXPECTED);
    const [file] = cacheFiles(dir);
    expect(file).toMatch(/^program-[0-9a-f]{32}\.v8$/);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const written = statSync(path.join(dir, file!));
    expect(written.mode & 0o777).toBe(0o600);
    expect(written.size).toBeGreaterThan(10_000);

    expect(nextVersion({ RELEASE_DESK_COMPILE_CACHE: dir })).toMatchObject(EXPECTED);
    // V8 accepted the cache: it was not written again.
    expect(statSync(path.join(dir, file!)).mtimeMs).toBe(written.mtimeMs);
    expect(cacheFiles(dir)).toEqual([file]);
  });

  it('keeps a cache per command, and writes none for a run that failed', () => {
    const dir = scratch('release-desk-cache-');
    nextVersion({ RELEASE_DESK_COMPILE_CACHE: dir });
    const [first] = cacheFiles(dir);
    const written = statSync(path.join(dir, first!)).mtimeMs;
    const env = { ...process.env, RELEASE_DESK_COMPILE_CACHE: dir };
    expect(execFileSync(process.execPath, [cli, '--version'], { env, encoding: 'utf8' })).toMatch(
      /^\d+\.\d+/,
    );
    const both = cacheFiles(dir);
    expect(both).toHaveLength(2);
    // Both from the same bundle: the same first half of the name.
    expect(new Set(both.map((name) => name.slice(0, 'program-'.length + 16))).size).toBe(1);
    expect(statSync(path.join(dir, first!)).mtimeMs).toBe(written);
    expect(() =>
      execFileSync(process.execPath, [cli, 'no-such-command'], { env, stdio: 'ignore' }),
    ).toThrow();
    expect(cacheFiles(dir).sort()).toEqual([...both].sort());
  });

  it('replaces a cache V8 rejects, and still gives the right answer', () => {
    const dir = scratch('release-desk-cache-');
    nextVersion({ RELEASE_DESK_COMPILE_CACHE: dir });
    const [file] = cacheFiles(dir);
    writeFileSync(path.join(dir, file!), 'not a code cache');
    expect(nextVersion({ RELEASE_DESK_COMPILE_CACHE: dir })).toMatchObject(EXPECTED);
    expect(statSync(path.join(dir, file!)).size).toBeGreaterThan(10_000);
  });

  it('uses no cache in a directory others can write to', () => {
    const dir = scratch('release-desk-cache-');
    chmodSync(dir, 0o777);
    expect(nextVersion({ RELEASE_DESK_COMPILE_CACHE: dir })).toMatchObject(EXPECTED);
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('writes nothing when RELEASE_DESK_COMPILE_CACHE=0, and defaults to XDG_CACHE_HOME', () => {
    const xdg = scratch('release-desk-xdg-');
    expect(nextVersion({ RELEASE_DESK_COMPILE_CACHE: '0', XDG_CACHE_HOME: xdg })).toMatchObject(EXPECTED);
    expect(readdirSync(xdg)).toEqual([]);
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: xdg };
    delete env.RELEASE_DESK_COMPILE_CACHE;
    expect(nextVersion(env)).toMatchObject(EXPECTED);
    expect(cacheFiles(path.join(xdg, 'release-desk'))).toHaveLength(1);
  });
});
