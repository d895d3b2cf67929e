import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { refreshLocalLedger } from '../ledger/local-ledger.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryContext, RepositoryRef } from '../repository/repository-context.js';
import { emailOf, resolveRelease } from './release.js';
import type { Release } from './release.js';

export { requirePolicy } from '../repository/repository-context.js';

/**
 * The repository context as a promotion action uses it: with the acting person already read,
 * since every gate shows and checks it, and the shared ledger's index brought up to date.
 */
export interface RepoSituation extends Omit<RepositoryContext, 'actor'> {
  /** `Name <email>`, null when git has no identity. */
  actor: string | null;
  actorEmail: string | null;
}

export interface ReleaseSituation extends RepoSituation {
  release: Release;
}

export async function repoSituation(core: Core, ref: RepositoryRef): Promise<RepoSituation> {
  const { actor: readActor, ...repo } = await repositoryContext(core, ref);
  // Decisions count from the shared ledger: bring its index (and queued events) up to date first.
  await refreshLocalLedger(core, repo.root);
  const actor = await readActor();
  return { ...repo, actor, actorEmail: actor ? emailOf(actor) : null };
}

export async function releaseSituation(
  core: Core,
  ref: RepositoryRef,
  version: string,
): Promise<ReleaseSituation> {
  const repo = await repoSituation(core, ref);
  return { ...repo, release: await resolveRelease(repo.root, version, repo.tagNaming) };
}

/** The acting person, or a clear refusal: every action is recorded under a name. */
export function requireActor(situation: RepoSituation): string {
  if (situation.actor) return situation.actor;
  throw new DeskError(
    'no-identity',
    'Git has no committer identity: set user.name and user.email (git config --global).',
  );
}
