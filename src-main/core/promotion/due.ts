import type { GateStatus, PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { gatesOf } from './detail.js';
import { finishIfReady } from './finish.js';
import type { Release } from './release.js';
import { gateRows } from './record-store.js';
import { latestRuns } from './run-store.js';
import { repoSituation } from './situation.js';
import type { RepoSituation } from './situation.js';
import { openPromotions } from './store.js';
import { finishesByItself } from './time-finish.js';
import type { PromotionRecord } from './store.js';
import type { RepositoryRef } from '../repository/repository-context.js';

/** The release a promotion carries, as it was pinned when it started. */
export function pinnedRelease(promotion: PromotionRecord): Release {
  return {
    version: promotion.version,
    tag: promotion.tag,
    sha: promotion.sha,
    createdBy: promotion.releaseCreator,
    createdAt: null,
    fastTrack: promotion.fastTrack,
  };
}

export interface DueResult {
  /** Promotions this pass finished (deployed or failed at their deploy), each with its message. */
  finished: PromotionDetail[];
  /** The earliest moment time alone finishes another open promotion of the repository, ms; null when none. */
  nextAt: number | null;
}

/**
 * As its gates were last recorded, only a soak or a window held the promotion back. A decision
 * or tick being recorded right now is not yet in that record: the action that records it
 * finishes the promotion itself (and says so), so this pass never races it to the deploy.
 */
function heldOnlyByTime(core: Core, promotion: PromotionRecord): boolean {
  const recorded = [...gateRows(core.db, promotion.id).values()];
  return (
    recorded.length > 0 &&
    recorded.every(
      (gate) =>
        gate.state === 'passed' || gate.state === 'skipped' || gate.kind === 'soak' || gate.kind === 'window',
    )
  );
}

function gatesNow(core: Core, situation: RepoSituation, promotion: PromotionRecord): GateStatus[] {
  return gatesOf(core, { ...situation, release: pinnedRelease(promotion) }, promotion.environment, promotion);
}

/**
 * Finishes every open promotion of the repository that only time held back and whose gates have
 * all passed by now — a soak that ended, a window that opened — as the last tick would (deploy
 * per policy), and says when time alone finishes the next one. One whose command runs now is left to
 * that run. Without a git identity nothing is finished: every action is recorded under a name.
 */
export async function finishDuePromotions(core: Core, dir: RepositoryRef): Promise<DueResult> {
  const situation = await repoSituation(core, dir);
  const result: DueResult = { finished: [], nextAt: null };
  for (const promotion of openPromotions(core.db, situation.root)) {
    // A deploy that was interrupted runs again only when someone asks (Retry deploy).
    if (promotion.state !== 'pending' || latestRuns(core.db, promotion.id).deploy?.state === 'interrupted')
      continue;
    const gates = gatesNow(core, situation, promotion);
    const finished =
      situation.actor && heldOnlyByTime(core, promotion)
        ? await finishIfReady(core, dir, promotion, gates)
        : null;
    if (finished?.finished) {
      result.finished.push(finished);
      continue;
    }
    const due = finishesByItself(gates);
    if (due && (result.nextAt === null || Date.parse(due.at) < result.nextAt))
      result.nextAt = Date.parse(due.at);
  }
  return result;
}
