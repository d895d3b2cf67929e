import type { Core } from '../context.js';
import { mainWorkingCopy } from '../git/repository-state.js';
import { refreshRepositoryContext, repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { sweepStaleWorktrees } from '../git/worktrees.js';
import type { Db } from '../store/database.js';
import type { IntentAction, IntentRow } from './intent-store.js';
import { assertRepositoryFree, describeIntent, Intent, interruptedIntents } from './intent-store.js';
import { currentOwner } from './owner.js';
import { resumeHotfixFinish } from './resume-hotfix.js';
import { resumeHotfixPick, resumeTrainPick } from './resume-picks.js';
import { resumePromote } from './resume-promotion.js';
import { resumeRelease } from './resume-release.js';
import { resumeTrainShip } from './resume-train.js';

/** What the next run did with an action a killed process left half-done. */
export interface Resumed {
  action: IntentAction;
  subject: string;
  outcome: 'completed' | 'rolled-back';
  /** One line for the user: which action, and whether it was finished or undone. */
  message: string;
  /** For a completed action: its result, as the action itself would have returned it. */
  result?: unknown;
}

/** A resumer ends the intent itself, in the transaction that records the outcome. */
export type Resumer = (core: Core, intent: Intent<never>) => Promise<Omit<Resumed, 'action' | 'subject'>>;

const RESUMERS: Record<IntentAction, Resumer> = {
  release: resumeRelease,
  'hotfix.finish': resumeHotfixFinish,
  'train.ship': resumeTrainShip,
  'train.pick': resumeTrainPick,
  'hotfix.pick': resumeHotfixPick,
  promote: resumePromote,
};

/** Results handed from a recovery run before a command to that command (the CLI runs both). */
const handedOver = new WeakMap<Db, Resumed[]>();

/** Takes the intent over from its dead owner, so two processes recovering at once do not both act. */
function takeOver(core: Core, row: IntentRow): boolean {
  const me = currentOwner();
  return (
    core.db
      .prepare(
        `UPDATE intents SET owner_pid = ?, owner_start = ? WHERE id = ? AND state = 'running' AND owner_pid = ? AND owner_start = ?`,
      )
      .run(me.pid, me.start, row.id, row.owner_pid, row.owner_start).changes === 1
  );
}

/**
 * Finds the actions a killed Release Desk process left half-done in the repository at `dir`
 * and finishes or undoes each (removing the temporary worktrees it left), reporting each in one
 * line. Cheap when there is nothing to do: one query, no git.
 */
export async function resumeInterrupted(core: Core, dir: RepositoryRef): Promise<Resumed[]> {
  if (interruptedIntents(core.db).length === 0) return [];
  const context = await repositoryContext(core, dir);
  const repo = await mainWorkingCopy(context.root);
  const rows = interruptedIntents(core.db, repo);
  if (rows.length === 0) return [];
  await sweepStaleWorktrees(repo);
  const results: Resumed[] = [];
  for (const row of rows) {
    if (!takeOver(core, row)) continue;
    const intent = Intent.load<never>(core.db, { ...row, ...ownerColumns() });
    let resumed: Resumed;
    try {
      resumed = { action: row.action, subject: row.subject, ...(await RESUMERS[row.action](core, intent)) };
    } catch (error) {
      // Handed back to its dead owner, so the next run tries again (and nothing here waits on it).
      core.db
        .prepare('UPDATE intents SET owner_pid = ?, owner_start = ? WHERE id = ?')
        .run(row.owner_pid, row.owner_start, row.id);
      resumed = {
        action: row.action,
        subject: row.subject,
        outcome: 'rolled-back',
        message: `Could not finish or undo the interrupted run ${describeIntent(row)}: ${(error as Error).message}`,
      };
    }
    results.push(resumed);
    core.progress({
      job: `resume:${row.id}`,
      kind: 'resume',
      message: resumed.message,
      done: null,
      total: null,
      finished: true,
    });
  }
  handedOver.set(core.db, [...(handedOver.get(core.db) ?? []), ...results]);
  // What was finished or undone may have moved HEAD, a branch or the policy file.
  if (results.length > 0) await refreshRepositoryContext(context);
  return results;
}

function ownerColumns(): Pick<IntentRow, 'owner_pid' | 'owner_start'> {
  const me = currentOwner();
  return { owner_pid: me.pid, owner_start: me.start };
}

/**
 * Recovers what is interrupted in the repository, refuses while another process's git action
 * runs there, then hands `action` the result of its own
 * interrupted run if that was just completed (so rerunning it is a no-op, never a second
 * release). Whatever else was handed over is dropped: it was reported already.
 */
export async function resumeBefore(
  core: Core,
  dir: RepositoryRef,
  action: IntentAction,
): Promise<Resumed | null> {
  const repo = await repositoryContext(core, dir);
  await resumeInterrupted(core, repo);
  assertRepositoryFree(core, await mainWorkingCopy(repo.root));
  // The action plans on what is there once no other process acts here: another run may have
  // released or picked since the call's context was read.
  if (typeof dir !== 'string') await refreshRepositoryContext(repo);
  const pending = handedOver.get(core.db) ?? [];
  handedOver.delete(core.db);
  return pending.findLast((r) => r.action === action && r.outcome === 'completed') ?? null;
}
