import type { Core } from '../context.js';
import type { ReleasePlan } from '../versioning/release-steps.js';
import { recordRelease, releaseOutcome, resumeReleaseSteps } from '../versioning/release-steps.js';
import type { Intent } from './intent-store.js';
import type { Resumer } from './resume.js';
import { writeTransaction } from '../store/write-transaction.js';

/** The failure record of a release undone after a crash, like any release that failed midway. */
export function recordUndoneRelease(core: Core, plan: ReleasePlan, detail: string): void {
  core.audit.append({
    actor: plan.actor,
    action: 'release.failed',
    repo: plan.repo,
    subject: plan.version,
    details: { step: 'interrupted', reason: `the process was killed; the next run undid it: ${detail}` },
  });
}

/** `release` killed midway: tagged (or committed) means finish and record it; else put the files back. */
export const resumeRelease: Resumer = async (core, raw) => {
  const intent = raw as Intent<{ release: ReleasePlan }>;
  const plan = intent.plan.release;
  const state = await resumeReleaseSteps(core, plan, intent as Intent<unknown>);
  if (state.kind === 'undone') {
    const message = `Rolled back the interrupted release ${plan.tag}: ${state.detail}.`;
    writeTransaction(core.db, () => {
      recordUndoneRelease(core, plan, state.detail);
      intent.finish('rolled-back', core.now(), message);
    });
    return { outcome: 'rolled-back', message };
  }
  const message = `Completed the interrupted release ${plan.tag} at ${state.sha.slice(0, 7)}${state.detail ? ` (${state.detail})` : ''}: it is released and recorded.`;
  writeTransaction(core.db, () => {
    recordRelease(core, plan, state.sha, state.pushed);
    intent.finish('done', core.now(), message);
  });
  return { outcome: 'completed', message, result: releaseOutcome(plan, state.sha, state.pushed) };
};
