import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { TEST_IDENTITY, TestRepo, tempDir } from '../../support/git-fixture.js';

/**
 * The built `release-desk` (scripts/build-main.mjs, as `npm run build` makes it, into a temp
 * dir under node_modules/.cache so it finds better-sqlite3), run as a separate process that a
 * fault can kill: RELEASE_DESK_FAULT=<action>:<step> makes it SIGKILL itself at that step.
 */
export function buildCli(): { cli: string; dispose: () => void } {
  mkdirSync(path.resolve('node_modules/.cache'), { recursive: true });
  const dist = mkdtempSync(path.resolve('node_modules/.cache/release-desk-faults-'));
  execFileSync(process.execPath, ['scripts/build-main.mjs'], {
    env: { ...process.env, RELEASE_DESK_DIST: dist },
    stdio: 'ignore',
  });
  return {
    cli: path.join(dist, 'cli', 'release-desk.cjs'),
    dispose: () => rmSync(dist, { recursive: true, force: true }),
  };
}

/**
 * A fault suite's hooks, registered once: the CLI built for the file, and each test's bench
 * disposed after it. Returns the function a test makes its bench with.
 */
export function faultBenches(): () => FaultBench {
  let built: ReturnType<typeof buildCli>;
  let bench: FaultBench | null = null;
  beforeAll(() => {
    built = buildCli();
  }, 120_000);
  afterAll(() => built.dispose());
  afterEach(() => {
    bench?.dispose();
    bench = null;
  });
  return () => (bench = new FaultBench(built.cli));
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A repository, a data dir and the CLI on them; `run` takes an optional fault to die at. */
export class FaultBench {
  readonly repo = new TestRepo();
  readonly dataDir = tempDir('release-desk-fault-data-');
  readonly scratch = tempDir('release-desk-fault-scratch-');

  constructor(private readonly cli: string) {}

  env(fault?: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...TEST_IDENTITY,
      RELEASE_DESK_COMPILE_CACHE: '0',
      ...extra,
    };
    delete env.RELEASE_DESK_FAULT;
    if (fault) env.RELEASE_DESK_FAULT = fault;
    return env;
  }

  run(args: string[], fault?: string, extra: NodeJS.ProcessEnv = {}): CliRun {
    const result = spawnSync(process.execPath, [this.cli, ...args, '--data-dir', this.dataDir], {
      cwd: this.repo.dir,
      env: this.env(fault, extra),
      encoding: 'utf8',
    });
    return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
  }

  /** Runs and expects success, with the output in the failure message. */
  ok(args: string[], extra: NodeJS.ProcessEnv = {}): CliRun {
    const result = this.run(args, undefined, extra);
    expect(result.status, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  }

  /** Runs with the fault and expects the process to have been killed there. */
  kill(args: string[], fault: string, extra: NodeJS.ProcessEnv = {}): void {
    const result = this.run(args, fault, extra);
    expect(result.signal, `${fault} was never reached:\n${result.stdout}\n${result.stderr}`).toBe('SIGKILL');
  }

  /** The same command started in the background (to run two at once). */
  start(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [this.cli, ...args, '--data-dir', this.dataDir], {
        cwd: this.repo.dir,
        env: this.env(undefined, extra),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    });
  }

  /** Reads the state database (read-only, while no command runs). */
  query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(path.join(this.dataDir, 'release-desk.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  /** How many audit events of each action the log holds. */
  auditCount(action: string): number {
    return this.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_events WHERE action = ?', action)[0]!.n;
  }

  /** The shared checks after a rerun: nothing running, no stray worktree, a clean tree, a whole audit chain. */
  expectConsistent(): void {
    expect(this.query(`SELECT id FROM intents WHERE state = 'running'`)).toEqual([]);
    expect(this.repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    const home = path.join(this.repo.dir, '.git', 'release-desk-worktrees');
    expect(existsSync(home) ? readdirSync(home) : []).toEqual([]);
    expect(this.repo.git('status', '--porcelain', '--untracked-files=no')).toBe('');
    const verify = this.ok(['audit', 'verify', '--json']);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  }

  /** Commits on any ref whose subject is exactly `subject`. */
  commitsTitled(subject: string, ref = '--all'): string[] {
    return this.repo
      .git('log', ref, '--format=%H%x00%s')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\0'))
      .filter(([, s]) => s === subject)
      .map(([sha]) => sha!);
  }

  tags(): string[] {
    return this.repo.git('tag', '--list').split('\n').filter(Boolean);
  }

  dispose(): void {
    this.repo.remove();
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
