import { recoverInterruptedRuns } from '../promotion/interrupted-runs.js';
import type { PromotePlan } from '../promotion/promote.js';
import { latestRuns } from '../promotion/run-store.js';
import { latestPromotion, publicId } from '../promotion/store.js';
import type { Intent } from './intent-store.js';
import type { Resumer } from './resume.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * `promote` killed midway. A promotion is resumable by design: its running command is stopped
 * and marked interrupted and the promotion stays open, for the next `promote` to take on. An
 * interrupted deploy may have half-deployed, so it waits for the user to ask for it again.
 */
export const resumePromote: Resumer = async (core, raw) => {
  const intent = raw as Intent<PromotePlan>;
  const plan = intent.plan;
  await recoverInterruptedRuns(core, plan.actor);
  const promotion = latestPromotion(core.db, plan.root, plan.environment, plan.version);
  const name = promotion ? publicId(promotion) : `${plan.tag}@${plan.environment}`;
  const deploy = promotion ? latestRuns(core.db, promotion.id).deploy : null;
  const retry = `release-desk promote ${plan.version} --to ${plan.environment} --retry-deploy`;
  const message =
    deploy?.state === 'interrupted'
      ? `Stopped the interrupted promote of ${name}: it was interrupted during deploy, and the deploy runs again only when you ask (${retry}).`
      : `Stopped the interrupted promote of ${name}: it stays ${promotion?.state ?? 'unstarted'}; promote again to resume it.`;
  writeTransaction(core.db, () => intent.finish('rolled-back', core.now(), message));
  return { outcome: 'rolled-back', message };
};
