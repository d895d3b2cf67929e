import path from 'node:path';
import { inspectRepository } from '../core/git/repository-state.js';
import type { RepositoryState } from '../core/git/repository-state.js';
import { stringOption } from './args.js';
import type { CliIo } from './command.js';

/** `--repo DIR` (default: the current directory), validated like the app validates it. */
export async function repoOption(values: Record<string, unknown>, io: CliIo): Promise<RepositoryState> {
  return inspectRepository(path.resolve(io.cwd, stringOption(values, 'repo') ?? '.'));
}
