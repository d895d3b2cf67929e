import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

export interface DeskServer {
  url: string;
  dataDir: string;
  /** Starts another server on the same data dir acting as someone else (e.g. a second approver). */
  startAs: (identity: { name: string; email: string }) => Promise<DeskServer>;
}

const CLI = path.resolve('dist/cli/release-desk.cjs');

/** Runs `release-desk serve` on a port of its own and resolves with the printed URL. */
export function startServer(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-open', '--data-dir', dataDir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

export const test = base.extend<{ desk: DeskServer; repo: TestRepo }>({
  desk: async ({}, use) => {
    const dataDir = tempDir('release-desk-e2e-data-');
    const children: ChildProcess[] = [];
    const make = async (env: NodeJS.ProcessEnv): Promise<DeskServer> => {
      const { url, child } = await startServer(dataDir, env);
      children.push(child);
      return {
        url,
        dataDir,
        startAs: ({ name, email }) =>
          make({
            GIT_COMMITTER_NAME: name,
            GIT_COMMITTER_EMAIL: email,
            GIT_AUTHOR_NAME: name,
            GIT_AUTHOR_EMAIL: email,
          }),
      };
    };
    await use(await make({}));
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  },
  repo: async ({}, use) => {
    const repo = new TestRepo();
    await use(repo);
    repo.remove();
  },
});

export { expect } from '@playwright/test';
