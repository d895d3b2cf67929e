import path from 'node:path';
import { inspectRepository } from '../core/git/repository-state.js';
import type { RepositoryState } from '../core/git/repository-state.js';
import { stringOption } from './args.js';
import type { CliIo } from './command.js';

/** `--repo DIR` as an absolute path (default: the current directory): every core call inspects it. */
export function repoPath(values: Record<string, unknown>, io: CliIo): string {
  return path.resolve(io.cwd, stringOption(values, 'repo') ?? '.');
}

/** `--repo DIR`, validated and resolved to the working tree's top level (for keys such as the audit log's). */
export async function repoOption(values: Record<string, unknown>, io: CliIo): Promise<RepositoryState> {
  return inspectRepository(repoPath(values, io));
}
