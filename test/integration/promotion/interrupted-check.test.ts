import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../src-main/core/promotion/shell.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { TEST_IDENTITY, tempDir } from '../../support/git-fixture.js';
import { promotionSetup } from './promotion-fixture.js';

// The check hangs the first time (and says so through a marker file); once RESUME_OK exists it passes.
const POLICY = `environments:
  - name: staging
    gates:
      - check: { name: Slow check, run: 'if [ -f "$RESUME_OK" ]; then echo resumed; else touch "$CHECK_STARTED"; sleep 30; fi', timeout: 5m }
`;

let cliDir: string;
let cli: string;
let setup: ReturnType<typeof promotionSetup>;

// The CLI as a real separate process, built from the current sources (so the test never runs a stale dist/).
beforeAll(async () => {
  mkdirSync(path.resolve('node_modules/.cache'), { recursive: true });
  cliDir = mkdtempSync(path.resolve('node_modules/.cache/release-desk-cli-'));
  cli = path.join(cliDir, 'release-desk.mjs');
  await build({
    entryPoints: ['src-main/cli/main.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    define: { __APP_VERSION__: '"test"' },
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(cliDir, { recursive: true, force: true }));
afterEach(() => setup?.dispose());

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
}

describe.skipIf(process.platform === 'win32')('a Release Desk process killed during a check', () => {
  it('leaves the promotion resumable; the next start stops the command, removes the worktree and reruns the check', async () => {
    setup = promotionSetup(POLICY);
    const { core, repo } = setup;
    const flags = tempDir('release-desk-flags-');
    const started = path.join(flags, 'started');
    const resumeOk = path.join(flags, 'resume-ok');
    const child = spawn(
      process.execPath,
      [cli, 'promote', '1.0.0', '--to', 'staging', '--data-dir', core.dataDir],
      {
        cwd: repo.dir,
        env: { ...process.env, ...TEST_IDENTITY, CHECK_STARTED: started, RESUME_OK: resumeOk },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(() => existsSync(started), 'the check to start');

    const run = core.db.prepare(`SELECT * FROM command_runs WHERE state = 'running'`).get() as {
      worktree: string;
      pid: number;
    };
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(2);
    child.kill('SIGKILL');
    await exited;
    // What a killed process leaves behind: the worktree, the command still sleeping, a run still "running".
    expect(existsSync(run.worktree)).toBe(true);
    expect(isAlive(run.pid)).toBe(true);

    writeFileSync(resumeOk, '');
    const detail = await promote({ ...core, gitEnv: { RESUME_OK: resumeOk } }, repo.dir, '1.0.0', 'staging');
    expect(detail.promotion).toMatchObject({ id: 'v1.0.0@staging#1', state: 'succeeded' });
    expect(detail.gates[0]?.output).toContain('resumed');
    expect(isAlive(run.pid)).toBe(false);
    expect(existsSync(run.worktree)).toBe(false);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    const states = core.db.prepare('SELECT state FROM command_runs ORDER BY id').all();
    expect(states).toEqual([{ state: 'interrupted' }, { state: 'passed' }]);
    expect(core.audit.list().map((e) => e.action)).toContain('check.interrupted');
    rmSync(flags, { recursive: true, force: true });
  });

  it('stops a check that outlives its timeout, with everything it started, and fails the gate', async () => {
    setup = promotionSetup(`environments:
  - name: staging
    gates:
      - check: { name: Hangs, run: 'sleep 30 & echo $! > "$BACKGROUND_PID"; sleep 30', timeout: 1s }
`);
    const { core, repo } = setup;
    const flags = tempDir('release-desk-flags-');
    const backgroundPid = path.join(flags, 'pid');
    const detail = await promote(
      { ...core, gitEnv: { BACKGROUND_PID: backgroundPid } },
      repo.dir,
      '1.0.0',
      'staging',
    );
    expect(detail.promotion).toMatchObject({
      state: 'failed',
      failure: 'Hangs: timed out after 1 s and was stopped',
    });
    expect(detail.gates[0]?.run?.state).toBe('timed-out');
    expect(isAlive(Number(readFileSync(backgroundPid, 'utf8')))).toBe(false);
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
    rmSync(flags, { recursive: true, force: true });
  });
});
