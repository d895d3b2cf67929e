import { branchHead } from '../git/branches.js';
import { commitsBetween } from '../git/commits.js';
import { hotfixPicks } from '../hotfix/hotfix-scope.js';
import { hotfixById } from '../hotfix/hotfix-store.js';
import { recordHotfixPicks } from '../hotfix/pick-hotfix.js';
import { recordTrainPicks } from '../trains/pick-train.js';
import { picksOf } from '../trains/train-board.js';
import { trainById } from '../trains/train-store.js';
import type { Intent } from './intent-store.js';
import type { Resumer } from './resume.js';
import { writeTransaction } from '../store/write-transaction.js';

interface PickPlan {
  root: string;
  branch: string;
  /** The branch head before the first pick. */
  start: string;
  shas: string[];
}

/** Commits the branch gained since the pick began: what landed before the process died. */
async function landed(plan: PickPlan): Promise<{ head: string | null; shas: Set<string> }> {
  const head = await branchHead(plan.root, plan.branch);
  if (head === null || head === plan.start) return { head, shas: new Set() };
  return { head, shas: new Set(await commitsBetween(plan.root, plan.start, head)) };
}

function summary(what: string, count: number, total: number): string {
  const rest = count < total ? `; pick the other ${total - count} again` : '';
  return `recorded the ${count} of ${total} ${what} that landed${rest}`;
}

/** `train pick` killed midway: picks that reached the branch are recorded; none reached it means nothing to undo. */
export const resumeTrainPick: Resumer = async (core, raw) => {
  const intent = raw as Intent<PickPlan & { trainId: number }>;
  const plan = intent.plan;
  const { head, shas } = await landed(plan);
  if (head === null || shas.size === 0) {
    const message = `Rolled back the interrupted pick onto ${plan.branch}: nothing reached the branch (its worktree was removed).`;
    writeTransaction(core.db, () => intent.finish('rolled-back', core.now(), message));
    return { outcome: 'rolled-back', message };
  }
  const train = trainById(core.db, plan.trainId);
  const picks = (await picksOf(plan.root, train, head)).filter((p) => shas.has(p.to));
  const message = `Completed the interrupted pick onto ${plan.branch}: ${summary('picks', picks.length, plan.shas.length)}.`;
  const result = await recordTrainPicks(
    core,
    train,
    plan.root,
    picks,
    [],
    null,
    head,
    intent as Intent<unknown>,
    message,
  );
  return { outcome: 'completed', message, result };
};

/** `hotfix pick` killed midway: the fixes already on the hotfix branch are recorded. */
export const resumeHotfixPick: Resumer = async (core, raw) => {
  const intent = raw as Intent<PickPlan & { hotfixId: number }>;
  const plan = intent.plan;
  const { head, shas } = await landed(plan);
  if (head === null || shas.size === 0) {
    const message = `Rolled back the interrupted pick into ${plan.branch}: no fix had landed yet.`;
    writeTransaction(core.db, () => intent.finish('rolled-back', core.now(), message));
    return { outcome: 'rolled-back', message };
  }
  const hotfix = hotfixById(core.db, plan.hotfixId);
  const picks = (await hotfixPicks(plan.root, hotfix)).filter((p) => shas.has(p.to));
  const message = `Completed the interrupted pick into ${plan.branch}: ${summary('fixes', picks.length, plan.shas.length)}.`;
  const result = await recordHotfixPicks(
    core,
    plan.root,
    hotfix,
    picks,
    null,
    intent as Intent<unknown>,
    message,
  );
  return { outcome: 'completed', message, result };
};
