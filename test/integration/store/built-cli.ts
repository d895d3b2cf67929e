import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI as users run it, built into node_modules/.cache (so the bundle finds better-sqlite3),
 * for tests that need several real processes at once.
 */
export function buildCli(): { cli: string; remove: () => void } {
  mkdirSync(path.resolve('node_modules/.cache'), { recursive: true });
  const dist = mkdtempSync(path.resolve('node_modules/.cache/release-desk-dist-'));
  execFileSync(process.execPath, ['scripts/build-main.mjs'], {
    env: { ...process.env, RELEASE_DESK_DIST: dist },
    stdio: 'ignore',
  });
  return {
    cli: path.join(dist, 'cli', 'release-desk.cjs'),
    remove: () => rmSync(dist, { recursive: true, force: true }),
  };
}

export function runBuiltCli(
  cli: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: options.cwd, env: { ...process.env, RELEASE_DESK_COMPILE_CACHE: '0', ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
