import type { TrainShipPlan } from '../trains/ship-steps.js';
import { recordShipped } from '../trains/ship-steps.js';
import { resumeReleaseSteps } from '../versioning/release-steps.js';
import type { Intent } from './intent-store.js';
import type { Resumer } from './resume.js';
import { recordUndoneRelease } from './resume-release.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * `train ship` killed midway. Its temporary worktree is gone by now (removed as stale), so what
 * git holds decides: a release commit on the branch is tagged if need be and the train recorded
 * as shipped; without one, nothing was released (the files it wrote went with the worktree).
 */
export const resumeTrainShip: Resumer = async (core, raw) => {
  const intent = raw as Intent<TrainShipPlan>;
  const plan = intent.plan;
  // Git reads and tags from the main working copy; the user's own checkout keeps its files to undo.
  const release = plan.temporary ? { ...plan.release, root: plan.root } : plan.release;
  const state = await resumeReleaseSteps(core, release, intent as Intent<unknown>, {
    filesGone: plan.temporary,
  });
  if (state.kind === 'undone') {
    const message = `Rolled back the interrupted ship of ${plan.name}: ${state.detail}; ${plan.name} can ship again.`;
    writeTransaction(core.db, () => {
      recordUndoneRelease(core, plan.release, state.detail);
      intent.finish('rolled-back', core.now(), message);
    });
    return { outcome: 'rolled-back', message };
  }
  const message = `Completed the interrupted ship of ${plan.name}: ${plan.release.tag} at ${state.sha.slice(0, 7)}${state.detail ? ` (${state.detail})` : ''}, recorded as shipped.`;
  const result = recordShipped(core, intent, state.sha, state.pushed, message);
  return { outcome: 'completed', message, result };
};
