import { execFile, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { Worker } from 'node:worker_threads';
import { DeskError } from '../errors.js';

// The raw runner: the streamed history read and the read-only queries of the paths the bench
// measures (opening, planning, replaying) spawn git directly, without simple-git's per-call
// work and its 50 ms wait after silent commands; it also feeds stdin to plumbing (`patch-id`,
// `commit-tree`). Commands that change the repository go through `client.ts`.

export interface GitOptions {
  /** Extra environment, e.g. GIT_COMMITTER_* for tests or identities. */
  env?: NodeJS.ProcessEnv;
  /** Input written to git's stdin. */
  input?: string;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  okExitCodes?: number[];
  timeoutMs?: number;
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** Environment for every git call: no prompts, no pager, stable output in English. */
export function gitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    ...extra,
  };
}

/**
 * Runs git with an argv array (never a shell string). Fails with `git-failed` carrying git's
 * own message unless the exit code is listed in `okExitCodes`.
 */
export function runGit(cwd: string, args: string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        env: gitEnv(options.env),
        maxBuffer: MAX_BUFFER,
        timeout: options.timeoutMs ?? 120_000,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) {
          resolve({ stdout, stderr, exitCode });
          return;
        }
        const detail = (stderr || error?.message || '').trim().split('\n').slice(-3).join(' ');
        reject(new DeskError('git-failed', `git ${args[0] ?? ''} failed: ${detail}`, { git: detail }));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

export async function git(cwd: string, args: string[], options?: GitOptions): Promise<string> {
  return (await runGit(cwd, args, options)).stdout;
}

/**
 * Streams git's stdout chunk by chunk (the history hot path), so parsing starts before git ends
 * and memory stays flat. `thread` drains git's pipe on a worker thread (about 20 ms to start,
 * so for long outputs only): on the main thread every pause (parsing a chunk, a garbage
 * collection) left git blocked on a full 64 KiB pipe, and git and the parser took turns.
 */
export function streamGit(
  cwd: string,
  args: string[],
  onChunk: (chunk: string) => void,
  options: Pick<GitOptions, 'env'> & { thread?: boolean } = {},
): Promise<void> {
  const env = gitEnv(options.env);
  return options.thread ? streamThroughThread(cwd, args, env, onChunk) : streamHere(cwd, args, env, onChunk);
}

function gitFailed(args: string[], detail: string): DeskError {
  return new DeskError('git-failed', `git ${args[0] ?? ''} failed: ${detail.trim()}`, {
    git: detail.trim(),
  });
}

function streamHere(cwd: string, args: string[], env: NodeJS.ProcessEnv, onChunk: (chunk: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, windowsHide: true });
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onChunk);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(gitFailed(args, stderr))));
  });
}

// The same spawn as streamHere, on a thread that only forwards git's output. Plain JavaScript,
// so it runs the same from the sources and from the bundle. At most IN_FLIGHT chunks wait for the
// parser (the main thread acknowledges them in groups of ACK_EVERY): enough to ride out its
// pauses, few enough that a slow parser never holds the whole output in memory.
const IN_FLIGHT = 64;
const ACK_EVERY = 16;
const PUMP = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const child = spawn('git', workerData.args, { cwd: workerData.cwd, env: workerData.env, windowsHide: true });
let stderr = '';
let inFlight = 0;
child.stdout.on('data', (chunk) => {
  parentPort.postMessage(chunk);
  if (++inFlight >= ${IN_FLIGHT}) child.stdout.pause();
});
parentPort.on('message', (done) => {
  inFlight -= done;
  if (inFlight < ${IN_FLIGHT}) child.stdout.resume();
});
child.stderr.setEncoding('utf8');
child.stderr.on('data', (text) => { stderr += text; });
child.on('error', (error) => parentPort.postMessage({ error: error.message }));
child.on('close', (code) => parentPort.postMessage({ code, stderr }));
`;

type PumpMessage = Uint8Array | { code?: number; stderr?: string; error?: string };

function streamThroughThread(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onChunk: (chunk: string) => void,
) {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(PUMP, {
      eval: true,
      workerData: { cwd, args, env },
      // It only moves bytes: a small heap keeps a 100k-commit read under its memory target.
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    const decoder = new StringDecoder('utf8');
    let received = 0;
    let settled = false;
    const settle = (error: unknown = null): void => {
      settled = true;
      // Ending the thread closes the pipe: a git still writing stops on SIGPIPE.
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    worker.on('error', settle);
    worker.on('message', (message: PumpMessage) => {
      if (settled) return;
      if (!(message instanceof Uint8Array)) {
        settle(message.code === 0 ? null : gitFailed(args, message.error ?? message.stderr ?? ''));
        return;
      }
      try {
        onChunk(decoder.write(message));
      } catch (error) {
        settle(error);
        return;
      }
      if (++received % ACK_EVERY === 0) worker.postMessage(ACK_EVERY);
    });
  });
}
