import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import type { Db } from '../store/database.js';
import { promote } from './promote.js';
import { repoSituation } from './situation.js';
import { currentIn, succeededIn } from './store.js';
import type { PromotionRecord } from './store.js';

/** What a rollback of the environment would replace, and the release it returns to (live before it). */
export function rollbackTarget(
  db: Db,
  repo: string,
  environment: string,
): { current: PromotionRecord | undefined; previous: PromotionRecord | undefined } {
  const current = currentIn(db, repo, environment);
  const previous = current
    ? succeededIn(db, repo, environment).find((row) => row.sha !== current.sha)
    : undefined;
  return { current, previous };
}
import type { RepositoryRef } from '../repository/repository-context.js';

/**
 * Promotes the environment's previous succeeded release again, as a rollback of the current
 * one, in one step: only the gates the policy's `rollback.recheck` names are checked again
 * (by default check, soak and window; never a checklist or approval unless listed), and
 * approvals already given to that commit in this environment still count. When it succeeds,
 * the replaced promotion becomes `rolled-back`.
 */
export async function rollback(
  core: Core,
  dir: RepositoryRef,
  environment: string,
): Promise<PromotionDetail> {
  const { root } = await repoSituation(core, dir);
  const { current, previous } = rollbackTarget(core.db, root, environment);
  if (!current)
    throw new DeskError(
      'not-found',
      `Nothing has been promoted to ${environment}: there is nothing to roll back.`,
    );
  if (!previous) {
    throw new DeskError(
      'nothing-to-roll-back',
      `${current.tag} is the only release that succeeded in ${environment}: there is nothing to roll back to.`,
    );
  }
  // A rollback already under way (waiting on a window, say) is resumed rather than started twice.
  const detail = await promote(core, dir, previous.version, environment, current);
  const back = `${environment} back to ${previous.tag} (live before ${current.tag})`;
  const state = detail.promotion?.state;
  const finished =
    state === 'succeeded'
      ? `Rolled ${back}.`
      : state === 'failed'
        ? `Rolling ${back} failed: ${detail.promotion?.failure ?? 'see the gates'}.`
        : `Rolling ${back}: waiting on ${detail.gates.filter((g) => g.state === 'waiting').length} gate(s).`;
  return { ...detail, finished };
}
