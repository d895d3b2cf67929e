import type { TrainShipResult } from '../../../shared/domain/trains.js';
import type { Core } from '../context.js';
import type { Intent } from '../intent/intent-store.js';
import type { ReleasePlan } from '../versioning/release-steps.js';
import { recordRelease } from '../versioning/release-steps.js';
import { markShipped } from './train-store.js';
import { writeTransaction } from '../store/write-transaction.js';

/** What `train ship` will do, kept in its intent before the first change. */
export interface TrainShipPlan {
  trainId: number;
  name: string;
  branch: string;
  /** The main working copy. */
  root: string;
  changelog: string;
  /** Whether the release is made in a temporary worktree (else in the user's checkout of the branch). */
  temporary: boolean;
  release: ReleasePlan;
}

/** Records the shipped train with its release, and ends the intent, in one transaction. */
export function recordShipped(
  core: Core,
  intent: Intent<TrainShipPlan>,
  sha: string,
  pushed: boolean,
  resolution: string | null = null,
): TrainShipResult {
  const plan = intent.plan;
  const train = writeTransaction(core.db, () => {
    recordRelease(core, plan.release, sha, pushed);
    const updated = markShipped(core.db, plan.trainId, core.now().toISOString(), sha);
    core.audit.append({
      actor: plan.release.actor,
      action: 'train.shipped',
      repo: plan.root,
      subject: plan.name,
      details: { branch: plan.branch, version: plan.release.version, tag: plan.release.tag, sha, pushed },
    });
    intent.finish('done', core.now(), resolution);
    return updated;
  });
  return {
    train,
    tag: plan.release.tag,
    version: plan.release.version,
    sha,
    pushed,
    changelog: plan.changelog,
  };
}
