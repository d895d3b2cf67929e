import { parseArgs } from 'node:util';
import type { CliCommand } from './command.js';
import { UsageError } from './command.js';

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommandArgs(command: CliCommand, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...command.options },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A string option's value, or undefined. */
export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** The first positional must be one of `allowed`. */
export function requireSubcommand<T extends string>(positionals: string[], allowed: readonly T[]): T {
  const sub = positionals[0];
  if (!sub || !(allowed as readonly string[]).includes(sub)) {
    throw new UsageError(`expected one of: ${allowed.join(', ')}`);
  }
  return sub as T;
}

export function assertUsage(condition: boolean, message: string): asserts condition {
  if (!condition) throw new UsageError(message);
}
