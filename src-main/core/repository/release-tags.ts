import type { PromotableRelease } from '../../../shared/domain/promotion.js';
import { listReleases } from '../promotion/release.js';
import { repositoryContext } from './repository-context.js';
import type { RepositoryRef } from './repository-context.js';

/**
 * Every release tag, newest version first, for pickers that must reach any release by search.
 * A broken policy file falls back to the default `v` prefix, as the header does.
 */
export async function releaseTags(dir: RepositoryRef): Promise<PromotableRelease[]> {
  const repo = await repositoryContext(null, dir);
  return listReleases(repo.root, repo.tagNaming);
}
