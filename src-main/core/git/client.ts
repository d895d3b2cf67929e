import { parseEnv } from '@simple-git/argv-parser';
import type * as SimpleGit from 'simple-git';
import type { SimpleGitOptions, SimpleGitProgressEvent } from 'simple-git';
import { DeskError } from '../errors.js';
import type { GitOptions, GitResult } from './run-git.js';
import { gitEnv } from './run-git.js';

// The runner for every git command that changes the repository or talks to a remote: simple-git,
// for its guards against options that run programs (`--upload-pack`, `-c core.sshCommand`…),
// its progress events and its inactivity timeout. Read-only queries stay on `run-git.ts`: they
// are on the paths the bench measures, and simple-git waits 50 ms after any command that prints
// nothing (every `rev-parse --verify` of a missing ref). Refs are still validated by us and put
// after `--end-of-options`: simple-git does not know which of our arguments came from a user.

/** One progress report of git (`Writing objects:  40% (2/5)`). */
export type GitProgress = Pick<SimpleGitProgressEvent, 'stage' | 'progress' | 'processed' | 'total'>;

export interface GitTaskOptions extends Pick<GitOptions, 'env' | 'okExitCodes' | 'timeoutMs'> {
  /** Called with each progress line of a push or fetch (the arguments must hold `--progress`). */
  onProgress?: (progress: GitProgress) => void;
}

type Captured = { exitCode: number; stderr: string };

// Loaded on first use: most commands (and the start-up the bench measures) never write.
let library: Promise<typeof SimpleGit> | null = null;

/**
 * What the environment we pass on purpose needs simple-git to allow: it is the user's own (their
 * GIT_SSH_COMMAND, EDITOR, GIT_CONFIG_GLOBAL apply as they do to their own git) plus ours, never
 * anything a repository or a request supplied.
 */
function permitted(env: NodeJS.ProcessEnv): Pick<SimpleGitOptions, 'allowEnvironment' | 'unsafe'> {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
  const unsafe: SimpleGitOptions['unsafe'] = {};
  for (const { category } of parseEnv(defined as Record<string, string>).vulnerabilities) {
    unsafe[category] = true;
  }
  return { allowEnvironment: Object.keys(defined), unsafe };
}

function failure(args: string[], detail: string): DeskError {
  const lines = detail.trim().split('\n').slice(-3).join(' ');
  return new DeskError('git-failed', `git ${args[0] ?? ''} failed: ${lines}`, { git: lines });
}

/**
 * Runs git through simple-git with an argv array. Fails with `git-failed` carrying git's own
 * message unless the exit code is listed in `okExitCodes`, exactly like `runGit`.
 */
export async function runGitTask(
  cwd: string,
  args: string[],
  options: GitTaskOptions = {},
): Promise<GitResult> {
  library ??= import('simple-git');
  const { simpleGit, GitPluginError } = await library;
  const env = gitEnv(options.env);
  let captured: Captured = { exitCode: -1, stderr: '' };
  let stdout: string;
  try {
    const client = simpleGit({
      baseDir: cwd,
      ...permitted(env),
      timeout: { block: options.timeoutMs ?? 120_000 },
      progress: options.onProgress,
      // Exit codes are answers for some commands: keep git's result and decide below.
      errors(error, result) {
        captured = { exitCode: result.exitCode, stderr: Buffer.concat(result.stdErr).toString('utf8') };
        return error instanceof GitPluginError ? error : undefined;
      },
    }).env(env);
    stdout = await client.raw(args);
  } catch (error) {
    // No such directory, refused by a guard, timed out, or git could not start.
    throw failure(args, error instanceof Error ? error.message : String(error));
  }
  const { exitCode, stderr } = captured;
  if (exitCode !== 0 && !options.okExitCodes?.includes(exitCode)) throw failure(args, stderr);
  return { stdout, stderr, exitCode };
}

export async function gitTask(cwd: string, args: string[], options?: GitTaskOptions): Promise<string> {
  return (await runGitTask(cwd, args, options)).stdout;
}
