import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

// The CLI on its own, as a user gets it: `npm pack`, then the tarball installed into an empty
// project where Electron never was. Installing compiles better-sqlite3 from source (no prebuilt
// binary is fetched from outside the npm registry): about two minutes on an idle machine, several
// times that on a busy one.
const INSTALL_TIMEOUT = 15 * 60_000;
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

let stage: string;
let app: string;
let repo: TestRepo;
let packed: string[];
const made: string[] = [];

function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}

/** The environment without what `npm test` or an install of the checkout set for npm. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'),
  );
  // Where Node's headers are installed (Debian's nodejs), node-gyp needs not download them.
  if (existsSync('/usr/include/node/node_api.h')) env.npm_config_nodedir = '/usr';
  // JOBS: node-gyp compiles SQLite and the binding side by side.
  return { ...env, npm_config_build_from_source: 'true', JOBS: 'max' };
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function releaseDesk(args: string[]): string {
  return execFileSync(path.join(app, 'node_modules', '.bin', 'release-desk'), args, {
    cwd: repo.dir,
    env: cleanEnv(),
    encoding: 'utf8',
  });
}

describe.skipIf(process.platform === 'win32')('the CLI packed on its own', () => {
  beforeAll(() => {
    // The package as `npm pack` sees a built checkout: its manifest, every script, and a full build
    // (source maps, the Electron bundle) made elsewhere, so the checkout's own dist is left alone.
    stage = scratch('release-desk-stage-');
    for (const file of ['package.json', 'README.md', 'scripts'])
      cpSync(file, path.join(stage, file), { recursive: true });
    const dist = path.join(stage, 'dist');
    execFileSync(process.execPath, ['scripts/build-main.mjs'], {
      env: { ...process.env, RELEASE_DESK_DIST: dist },
      stdio: 'ignore',
    });
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--outDir', path.join(dist, 'renderer'), '--emptyOutDir'],
      { stdio: 'ignore' },
    );
    const tarballs = scratch('release-desk-tarball-');
    const [report] = JSON.parse(
      npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], stage),
    ) as {
      filename: string;
      files: { path: string }[];
    }[];
    packed = report!.files.map((file) => file.path).sort();

    app = scratch('release-desk-user-');
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ private: true, allowScripts: { 'better-sqlite3': true, 'release-desk': true } }),
    );
    npm(
      ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(tarballs, report!.filename)],
      app,
    );

    repo = new TestRepo();
    repo.commit('feat: first');
    repo.tag('v1.0.0');
    repo.commit('fix: a bug');
  }, INSTALL_TIMEOUT);

  afterAll(() => {
    repo?.remove();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the CLI, browser mode’s page and the install script, and nothing else of the build', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'dist/cli/program.cjs',
        'dist/cli/release-desk.cjs',
        'dist/renderer/index.html',
        'package.json',
        'scripts/postinstall.mjs',
      ]),
    );
    // npm always packs `main` (Electron's entry); nothing else of the Electron bundle goes along.
    const allowed =
      /^(package\.json|README\.md|dist\/cli\/[\w-]+\.cjs|dist\/electron\/main\.js|dist\/renderer\/.+|scripts\/(postinstall|electron-native)\.mjs)$/;
    expect(packed.filter((file) => !allowed.test(file) || file.endsWith('.map'))).toEqual([]);
  });

  it('installs without Electron', () => {
    expect(existsSync(path.join(app, 'node_modules', 'release-desk'))).toBe(true);
    expect(existsSync(path.join(app, 'node_modules', 'electron'))).toBe(false);
  });

  it('runs --version and --help', () => {
    expect(releaseDesk(['--version']).trim()).toBe(version);
    expect(releaseDesk(['--help'])).toContain('next-version');
  });

  it('computes the next version of a repository, with its state in SQLite', () => {
    const data = scratch('release-desk-data-');
    const out = JSON.parse(releaseDesk(['next-version', '--json', '--data-dir', data])) as unknown;
    expect(out).toMatchObject({ current: '1.0.0', next: '1.0.1', bump: 'patch', commits: 1 });
  });
});
