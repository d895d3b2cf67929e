// The one place outside core/git that starts processes, and none of them is git: the policy's
// check and deploy commands, run through the shell as written, and killing their process group.
import { spawn, spawnSync } from 'node:child_process';

/** Output kept per run (the tail): enough for evidence without letting a chatty command fill the database. */
export const OUTPUT_LIMIT = 1024 * 1024;
const KILL_GRACE_MS = 5_000;

export interface CommandOutcome {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

export { isAlive } from '../intent/owner.js';

/** Kills a command and everything it started: it runs as the leader of its own process group. */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/t', '/f'], { windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** The caller's environment minus git variables that would point the command at another repository. */
function commandEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX']) delete env[name];
  return env;
}

export interface RunOptions {
  cwd: string;
  command: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  onStart: (pid: number) => void;
  onOutput: (chunk: string) => void;
}

/**
 * Runs a policy command through the system shell. Trust decision: `run` comes from the
 * repository's own `.release-desk.yml`, written and reviewed by its owners like any build script
 * (policy as code), so it is executed as the shell command it is meant to be. Values that come
 * from elsewhere (tags, versions) are never spliced in unquoted — see `deploy.ts`.
 *
 * The command leads its own process group, so a timeout stops it and whatever it started.
 */
export function runShellCommand(options: RunOptions): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, {
      cwd: options.cwd,
      env: commandEnv(options.env),
      shell: true,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let output = '';
    let timedOut = false;
    let exitCode: number | null = null;
    const append = (chunk: string) => {
      output = (output + chunk).slice(-OUTPUT_LIMIT);
      options.onOutput(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', append);
    child.stderr.setEncoding('utf8').on('data', append);
    if (child.pid !== undefined) options.onStart(child.pid);
    const pid = child.pid;
    let hardKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      hardKill = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      reject(error);
    });
    child.on('exit', (code) => {
      exitCode = code;
      // Background processes it left behind would keep the output open and the worktree busy.
      if (pid !== undefined) killGroup(pid, 'SIGKILL');
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      resolve({ exitCode: exitCode ?? code, timedOut, output });
    });
  });
}
