import path from 'node:path';
import { stringOption } from './args.js';
import type { CliIo } from './command.js';

/** `--repo DIR` as an absolute path (default: the current directory); the API reads the repository there. */
export function repoPath(values: Record<string, unknown>, io: CliIo): string {
  return path.resolve(io.cwd, stringOption(values, 'repo') ?? '.');
}
