import type { Core } from '../core/context.js';
import { readRepositoryContext } from '../core/repository/repository-context.js';
import type { RepositoryContext } from '../core/repository/repository-context.js';

/**
 * The repository a call names, read once as the call comes in: every core function the handler
 * calls gets this context, never the path again. The actor is read with the call's git
 * environment, so what a confirmation shows is who is recorded.
 */
export function repositoryOf(core: Core, path: string): Promise<RepositoryContext> {
  return readRepositoryContext(path, core.gitEnv);
}
