import { createHash } from 'node:crypto';
import type { EnvironmentPolicy, Policy } from '../../../shared/domain/policy.js';
import { canonicalJson } from '../audit/canonical-json.js';
import { DeskError } from '../errors.js';

/**
 * What a promotion needs from the policy, frozen when it starts: the environment's gates and
 * deploy, and which environment comes before it. A promotion keeps this even if the file changes.
 */
export interface EnvironmentSnapshot {
  environment: EnvironmentPolicy;
  previous: string | null;
}

export function environmentSnapshot(policy: Policy, name: string): EnvironmentSnapshot {
  const index = policy.environments.findIndex((env) => env.name === name);
  const environment = policy.environments[index];
  if (!environment) {
    const known = policy.environments.map((env) => env.name).join(', ');
    throw new DeskError('not-found', `No environment "${name}" in the policy (environments: ${known}).`);
  }
  return { environment, previous: policy.environments[index - 1]?.name ?? null };
}

export function snapshotHash(snapshot: EnvironmentSnapshot): string {
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}

/** The hash of the repository's current policy for `name`, or null when the policy no longer has it. */
export function currentHash(policy: Policy | null, name: string): string | null {
  if (!policy || !policy.environments.some((env) => env.name === name)) return null;
  return snapshotHash(environmentSnapshot(policy, name));
}
