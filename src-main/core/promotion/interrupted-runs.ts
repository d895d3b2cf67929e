import type { Core } from '../context.js';
import { removeWorktree } from '../git/worktrees.js';
import { isAlive, killGroup } from './shell.js';
import { publicId } from './store.js';
import type { PromotionRow, RunRow } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * Cleans up after a Release Desk process that was killed while a command ran (SIGKILL, crash,
 * power loss): its run rows still say `running` but the process watching them is gone. Stops
 * any command it left behind, removes the worktree, marks the run interrupted and makes the
 * promotion resumable (`pending`), so the next `promote` reruns the check.
 */
export async function recoverInterruptedRuns(core: Core, actor: string): Promise<number> {
  const rows = core.db.prepare(`SELECT * FROM command_runs WHERE state = 'running'`).all() as RunRow[];
  const orphans = rows.filter((row) => row.owner_pid !== process.pid && !isAlive(row.owner_pid));
  for (const run of orphans) {
    const promotion = core.db
      .prepare('SELECT * FROM promotions WHERE id = ?')
      .get(run.promotion_id) as PromotionRow;
    if (run.pid !== null && isAlive(run.pid)) killGroup(run.pid);
    if (run.worktree) await removeWorktree(promotion.repo, run.worktree);
    writeTransaction(core.db, () => {
      const note = `\n[interrupted: the Release Desk process ${run.owner_pid} watching this command stopped]\n`;
      core.db
        .prepare(
          `UPDATE command_runs SET state = 'interrupted', output = output || ?, finished_at = ? WHERE id = ?`,
        )
        .run(note, core.now().toISOString(), run.id);
      core.db
        .prepare(`UPDATE promotions SET state = 'pending' WHERE id = ? AND state = 'in-progress'`)
        .run(promotion.id);
      core.audit.append({
        actor,
        action: `${run.kind}.interrupted`,
        repo: promotion.repo,
        subject: publicId(promotion),
        details: {
          promotion: publicId(promotion),
          gate: run.name,
          command: run.command,
          ownerPid: run.owner_pid,
        },
      });
    });
  }
  return orphans.length;
}
