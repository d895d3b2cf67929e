import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { addDetachedWorktree, newWorktreeDir, removeWorktree } from '../git/worktrees.js';
import { faultPoint } from '../intent/fault.js';
import { isAlive, runShellCommand } from './shell.js';
import { finishRun, insertRun, runningRuns, setRunPid } from './run-store.js';
import type { RunRecord } from './run-store.js';
import { publicId, setState } from './store.js';
import type { PromotionRecord } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';

export interface RunRequest {
  kind: 'check' | 'deploy';
  /** Gate position for checks; null for the deploy. */
  position: number | null;
  name: string;
  command: string;
  timeoutMs: number;
}

/** The progress job of a promotion, so the UI can pick its output out of the stream. */
export function promotionJob(promotion: Pick<PromotionRecord, 'environment' | 'version'>): string {
  return `promotion:${promotion.environment}:${promotion.version}`;
}

/**
 * Records the run before anything starts, in one transaction that refuses a second concurrent
 * run of the same promotion (another window or a CI job may be promoting it right now). The write
 * lock is taken before reading, so two processes cannot both see "nothing running".
 */
function claim(core: Core, promotion: PromotionRecord, request: RunRequest, worktree: string): number {
  return writeTransaction(core.db, () => {
    const busy = runningRuns(core.db, promotion.id);
    const live = busy.find((row) => row.ownerPid === process.pid || isAlive(row.ownerPid));
    if (live) {
      throw new DeskError(
        'conflict',
        `"${live.name}" of this promotion is already running (process ${live.ownerPid}); wait for it to finish.`,
      );
    }
    if (!setState(core.db, promotion.id, 'in-progress')) {
      throw new DeskError(
        'conflict',
        `The promotion ${publicId(promotion)} ended while it was being resumed.`,
      );
    }
    return insertRun(core.db, {
      promotionId: promotion.id,
      position: request.position,
      kind: request.kind,
      name: request.name,
      command: request.command,
      worktree,
      ownerPid: process.pid,
      startedAt: core.now().toISOString(),
    });
  });
}

/**
 * Runs a check or deploy command in a fresh worktree at the promotion's commit, streaming its
 * output, and always removes the worktree. Returns the finished run.
 */
export async function executeRun(
  core: Core,
  promotion: PromotionRecord,
  request: RunRequest,
  onFinished?: (run: RunRecord) => void,
): Promise<RunRecord> {
  const worktree = await newWorktreeDir(promotion.repo, request.kind);
  let runId: number;
  try {
    runId = claim(core, promotion, request, worktree);
  } catch (error) {
    await removeWorktree(promotion.repo, worktree);
    throw error;
  }
  const job = promotionJob(promotion);
  const progress = (output: string | undefined, finished: boolean, message = request.name) =>
    core.progress({
      job,
      kind: request.kind,
      message,
      done: null,
      total: null,
      finished,
      ...(output === undefined ? {} : { output }),
    });
  progress(undefined, false, `${request.name}: running ${request.command}`);
  let outcome;
  try {
    await addDetachedWorktree(promotion.repo, worktree, promotion.sha);
    faultPoint('promote', `${request.kind}-started`);
    outcome = await runShellCommand({
      cwd: worktree,
      command: request.command,
      timeoutMs: request.timeoutMs,
      env: {
        ...core.gitEnv,
        RELEASE_DESK_ENVIRONMENT: promotion.environment,
        RELEASE_DESK_VERSION: promotion.version,
        RELEASE_DESK_TAG: promotion.tag,
        RELEASE_DESK_SHA: promotion.sha,
      },
      onStart: (pid) => setRunPid(core.db, runId, pid),
      onOutput: (chunk) => progress(chunk, false),
    });
  } catch (error) {
    outcome = {
      exitCode: null,
      timedOut: false,
      output: `Could not run the command: ${(error as Error).message}\n`,
    };
  } finally {
    await removeWorktree(promotion.repo, worktree);
  }
  const state = outcome.timedOut ? 'timed-out' : outcome.exitCode === 0 ? 'passed' : 'failed';
  const finished = writeTransaction(core.db, () => {
    const row = finishRun(core.db, runId, {
      state,
      exitCode: outcome.exitCode,
      output: outcome.output,
      finishedAt: core.now().toISOString(),
    });
    onFinished?.(row);
    return row;
  });
  progress(undefined, true, `${request.name}: ${state}`);
  return finished;
}
