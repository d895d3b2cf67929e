import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { repoSituation } from './situation.js';
import { promote } from './start.js';
import { currentIn, succeededIn } from './store.js';
import type { RepositoryRef } from '../repository/repository-context.js';

/**
 * Promotes the environment's previous succeeded release again, as a rollback of the current
 * one: its gates are re-checked, except that approvals already given to that commit in this
 * environment still count. When it succeeds, the replaced promotion becomes `rolled-back`.
 */
export async function rollback(
  core: Core,
  dir: RepositoryRef,
  environment: string,
): Promise<PromotionDetail> {
  const { root } = await repoSituation(core, dir);
  const current = currentIn(core.db, root, environment);
  if (!current)
    throw new DeskError(
      'not-found',
      `Nothing has been promoted to ${environment}: there is nothing to roll back.`,
    );
  const previous = succeededIn(core.db, root, environment).find((row) => row.sha !== current.sha);
  if (!previous) {
    throw new DeskError(
      'nothing-to-roll-back',
      `${current.tag} is the only release that succeeded in ${environment}: there is nothing to roll back to.`,
    );
  }
  // A rollback already under way (waiting on a checklist, say) is resumed rather than started twice.
  return promote(core, dir, previous.version, environment, current);
}
