import type { Core } from '../context.js';
import { removeWorktree } from '../git/worktrees.js';
import { isAlive, killGroup } from './shell.js';
import { markInterrupted, runningRuns } from './run-store.js';
import { promotionById, publicId, reopenInterrupted } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * Cleans up after a Release Desk process that was killed while a command ran (SIGKILL, crash,
 * power loss): its run rows still say `running` but the process watching them is gone. Stops
 * any command it left behind, removes the worktree, marks the run interrupted and makes the
 * promotion resumable (`pending`), so the next `promote` reruns the check.
 */
export async function recoverInterruptedRuns(core: Core, actor: string): Promise<number> {
  const orphans = runningRuns(core.db).filter(
    (row) => row.ownerPid !== process.pid && !isAlive(row.ownerPid),
  );
  for (const run of orphans) {
    const promotion = promotionById(core.db, run.promotionId)!;
    if (run.pid !== null && isAlive(run.pid)) killGroup(run.pid);
    if (run.worktree) await removeWorktree(promotion.repo, run.worktree);
    writeTransaction(core.db, () => {
      const note = `\n[interrupted: the Release Desk process ${run.ownerPid} watching this command stopped]\n`;
      markInterrupted(core.db, run.id, note, core.now().toISOString());
      reopenInterrupted(core.db, promotion.id);
      core.audit.append({
        actor,
        action: `${run.kind}.interrupted`,
        repo: promotion.repo,
        subject: publicId(promotion),
        details: {
          promotion: publicId(promotion),
          gate: run.name,
          command: run.command,
          ownerPid: run.ownerPid,
        },
      });
    });
  }
  return orphans.length;
}
