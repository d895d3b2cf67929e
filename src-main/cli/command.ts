import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core/context.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal: progress bars are drawn there, and only there. */
  stderrIsTTY?: boolean;
}

export interface CommandContext {
  io: CliIo;
  /** Opens the state database on first use (a `--help` or usage error never touches it). */
  core: () => Core;
  /** Parsed `--data-dir`, already resolved. */
  dataDir: string;
}

/** One `release-desk <name> …` command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run: (
    args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] },
    ctx: CommandContext,
  ) => Promise<number>;
}

/** A wrong command line: exit 2 with the usage. */
export class UsageError extends Error {}

/** A failure the command itself finds in an answer (e.g. nothing to show yet): exit 1 with its message. */
export class CommandFailure extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_WAITING = 3;
