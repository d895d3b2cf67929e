import type { Policy } from '../../../shared/domain/policy.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { committerIdentity, formatIdentity } from '../git/identity.js';
import { inspectRepository } from '../git/repository-state.js';
import type { RepositoryState } from '../git/repository-state.js';
import { loadRepositoryPolicy } from '../policy/committed-policy.js';
import { PolicyError } from '../policy/policy-error.js';
import type { ReleasePolicy } from '../policy/policy-error.js';
import { DEFAULT_TAG_NAMING } from '../versioning/tag-naming.js';
import type { TagNaming } from '../versioning/tag-naming.js';

/**
 * The repository one call acts on, read once where the call comes in (the API's handlers) and
 * passed down instead of a path: the working copy, its policy (or why it cannot be used), how it
 * names release tags and the acting person.
 */
export interface RepositoryContext extends RepositoryState {
  /**
   * Null when `.release-desk.yml` is invalid right now; `policyError` says why. Promotion keys
   * are HEAD's, versioning keys the working tree's (core/policy/committed-policy.ts).
   */
  policy: Policy | null;
  policyError: PolicyError | null;
  /** Set while the working tree's policy file differs from HEAD's, whose promotion keys are the ones used. */
  policyNote: string | null;
  /** The policy's tag naming; while the policy is invalid, its release sections' or the default (`v`). */
  tagNaming: TagNaming;
  /**
   * The acting person, `Name <email>` (null when git has no identity): git's committer identity
   * read in this repository with the call's environment, so what a confirmation shows is what is
   * recorded. Read on first use (read-only calls never spawn git for it), then kept.
   */
  actor: () => Promise<string | null>;
}

/** A repository as core entry functions take it: the call's context, or a path (tests, scripts) read here once. */
export type RepositoryRef = RepositoryContext | string;

/**
 * Checks the working copy and reads its policy; throws with a specific code when it is not
 * usable. `gitEnv` is the call's environment for git (`Core.gitEnv`), which decides the actor.
 */
export async function readRepositoryContext(
  dir: string,
  gitEnv: NodeJS.ProcessEnv = {},
): Promise<RepositoryContext> {
  const [state, policy] = await readStateAndPolicy(dir);
  let actor: Promise<string | null> | null = null;
  return {
    ...state,
    ...policy,
    actor: () =>
      (actor ??= committerIdentity(state.root, gitEnv).then(formatIdentity, (error: unknown) => {
        if (error instanceof DeskError && error.code === 'no-identity') return null;
        throw error;
      })),
  };
}

/**
 * Reads HEAD, the branch and the policy again after Release Desk itself changed them within the
 * call (finishing or undoing what a killed run left), so what follows acts on what is there now.
 */
export async function refreshRepositoryContext(repo: RepositoryContext): Promise<void> {
  const [state, policy] = await readStateAndPolicy(repo.root);
  Object.assign(repo, state, policy);
}

type PolicyPart = Pick<RepositoryContext, 'policy' | 'policyError' | 'policyNote' | 'tagNaming'>;

async function readStateAndPolicy(dir: string): Promise<[RepositoryState, PolicyPart]> {
  const state = await inspectRepository(dir);
  try {
    const { policy, note } = await loadRepositoryPolicy(state.root);
    return [state, { policy, policyError: null, policyNote: note, tagNaming: namingOf(policy) }];
  } catch (error) {
    // Kept, not thrown: an open promotion keeps its starting policy, the header still opens.
    if (!(error instanceof PolicyError)) throw error;
    const tagNaming = error.release ? namingOf(error.release) : DEFAULT_TAG_NAMING;
    return [state, { policy: null, policyError: error, policyNote: null, tagNaming }];
  }
}

/** Just the naming keys: the context does not keep the whole versioning section twice. */
function namingOf({ versioning }: ReleasePolicy): TagNaming {
  return { tagPrefix: versioning.tagPrefix, olderTagPrefixes: versioning.olderTagPrefixes };
}

/** The context as given, or read from a path with the core's git environment. */
export async function repositoryContext(
  core: Pick<Core, 'gitEnv'> | null,
  repo: RepositoryRef,
): Promise<RepositoryContext> {
  return typeof repo === 'string' ? readRepositoryContext(repo, core?.gitEnv) : repo;
}

/** The current policy, or the reason it cannot be used (with its key and line). */
export function requirePolicy(repo: Pick<RepositoryContext, 'policy' | 'policyError'>): Policy {
  if (repo.policy) return repo.policy;
  throw repo.policyError!;
}

/**
 * What a release reads of the policy: the whole policy, or, when only sections a release does not
 * read are wrong (a gate, an environment), its release sections with the error kept to warn about.
 */
export function requireReleasePolicy(repo: Pick<RepositoryContext, 'policy' | 'policyError'>): {
  policy: ReleasePolicy;
  problem: PolicyError | null;
} {
  if (repo.policy) return { policy: repo.policy, problem: null };
  if (repo.policyError?.release) return { policy: repo.policyError.release, problem: repo.policyError };
  throw repo.policyError!;
}

/** The acting person, or a clear refusal: every action is recorded under a name. */
export async function requireActor(repo: RepositoryContext): Promise<string> {
  const actor = await repo.actor();
  if (actor) return actor;
  throw new DeskError(
    'no-identity',
    'Git has no committer identity: set user.name and user.email (git config --global).',
  );
}
