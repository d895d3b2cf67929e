import type { PromotableRelease } from '../../../shared/domain/promotion.js';
import { inspectRepository } from '../git/repository-state.js';
import { loadPolicy } from '../policy/load-policy.js';
import { PolicyError } from '../policy/policy-error.js';
import { listReleases } from '../promotion/release.js';

/**
 * Every release tag, newest version first, for pickers that must reach any release by search.
 * A broken policy file falls back to the default `v` prefix, as the header does.
 */
export async function releaseTags(dir: string): Promise<PromotableRelease[]> {
  const { root } = await inspectRepository(dir);
  const prefix = await loadPolicy(root).then(
    (policy) => policy.versioning.tagPrefix,
    (error: unknown) => {
      if (error instanceof PolicyError) return 'v';
      throw error;
    },
  );
  return listReleases(root, prefix);
}
