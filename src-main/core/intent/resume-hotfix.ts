import type { HotfixFinishPlan } from '../hotfix/finish-steps.js';
import { completeHotfixFinish } from '../hotfix/finish-steps.js';
import { resumeReleaseSteps } from '../versioning/release-steps.js';
import type { Intent } from './intent-store.js';
import type { Resumer } from './resume.js';
import { recordUndoneRelease } from './resume-release.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * `hotfix finish` killed midway. Once the patch is committed (and so tagged now), the hotfix is
 * finished from where it stopped: fast-track mark, carries, records, checkout, push. Before
 * that, the written files are put back and the hotfix stays in progress, to finish again.
 */
export const resumeHotfixFinish: Resumer = async (core, raw) => {
  const intent = raw as Intent<HotfixFinishPlan>;
  const plan = intent.plan;
  if (!intent.has('recorded')) {
    const state = await resumeReleaseSteps(core, plan.release, intent as Intent<unknown>);
    if (state.kind === 'undone') {
      const message = `Rolled back the interrupted hotfix finish of ${plan.tag}: ${state.detail}; the hotfix is still in progress.`;
      writeTransaction(core.db, () => {
        recordUndoneRelease(core, plan.release, state.detail);
        intent.finish('rolled-back', core.now(), message);
      });
      return { outcome: 'rolled-back', message };
    }
    intent.step('release', state.sha);
  }
  const sha = intent.data<string>('release') ?? intent.data<string>('commit')!;
  const result = await completeHotfixFinish(core, intent, sha, plan.release.push !== null);
  const message = `Completed the interrupted hotfix finish of ${plan.tag} at ${sha.slice(0, 7)}: released once, carried and recorded.`;
  intent.resolve(message);
  return { outcome: 'completed', message, result };
};
