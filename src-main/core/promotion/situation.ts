import type { Policy } from '../../../shared/domain/policy.js';
import type { Core } from '../context.js';
import { actorIn } from '../context.js';
import { DeskError } from '../errors.js';
import { inspectRepository } from '../git/repository-state.js';
import { refreshLocalLedger } from '../ledger/local-ledger.js';
import { loadPolicy } from '../policy/load-policy.js';
import { PolicyError } from '../policy/policy-error.js';
import { emailOf, resolveRelease } from './release.js';
import type { Release } from './release.js';

/** The repository as a promotion action finds it: root, current policy, the acting person. */
export interface RepoSituation {
  root: string;
  /** Null when `.release-desk.yml` is invalid right now (`policyError` says why). */
  policy: Policy | null;
  policyError: PolicyError | null;
  tagPrefix: string;
  /** `Name <email>`, null when git has no identity. */
  actor: string | null;
  actorEmail: string | null;
}

export interface ReleaseSituation extends RepoSituation {
  release: Release;
}

export async function repoSituation(core: Core, dir: string): Promise<RepoSituation> {
  const { root } = await inspectRepository(dir);
  // Decisions count from the shared ledger: bring its index (and queued events) up to date first.
  await refreshLocalLedger(core, root);
  let policy: Policy | null = null;
  let policyError: PolicyError | null = null;
  try {
    policy = await loadPolicy(root);
  } catch (error) {
    // An open promotion keeps the policy it started with, so a broken file does not stop it.
    if (!(error instanceof PolicyError)) throw error;
    policyError = error;
  }
  const actor = await actorIn(core, root).catch(() => null);
  return {
    root,
    policy,
    policyError,
    tagPrefix: policy?.versioning.tagPrefix ?? 'v',
    actor,
    actorEmail: actor ? emailOf(actor) : null,
  };
}

export async function releaseSituation(core: Core, dir: string, version: string): Promise<ReleaseSituation> {
  const repo = await repoSituation(core, dir);
  return { ...repo, release: await resolveRelease(repo.root, version, repo.tagPrefix) };
}

/** The current policy, or the reason it cannot be used. */
export function requirePolicy(situation: RepoSituation): Policy {
  if (situation.policy) return situation.policy;
  throw situation.policyError!;
}

/** The acting person, or a clear refusal: every action is recorded under a name. */
export function requireActor(situation: RepoSituation): string {
  if (situation.actor) return situation.actor;
  throw new DeskError(
    'refused',
    'Git has no committer identity: set user.name and user.email (git config --global).',
  );
}
