import type { TrainShipResult } from '../../../shared/domain/trains.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { withBranchCheckedOut, worktreeOwner } from '../git/worktrees.js';
import { beginIntent } from '../intent/intent-store.js';
import type { Intent } from '../intent/intent-store.js';
import { resumeBefore } from '../intent/resume.js';
import { prepareRelease } from '../versioning/create-release.js';
import { planRelease } from '../versioning/plan-release.js';
import { applyRelease, ReleaseStepError } from '../versioning/release-steps.js';
import type { TrainShipPlan } from './ship-steps.js';
import { recordShipped } from './ship-steps.js';
import { tagSha, trainBoard } from './train-board.js';
import { activeTrain, trainBranchHead, trainScope } from './train-scope.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * Ships the train: releases X.Y.0 on its release branch (version files, CHANGELOG.md, the
 * release commit and the annotated tag, pushed with `push`) through the releases engine, with
 * the branch checked out in a temporary worktree so the user's checkout is untouched. Refused
 * while anything blocks (the train must be frozen and have its go/no-go approvals). The plan is
 * recorded before the first change: a ship killed midway is finished (once committed) or undone
 * by the next run, and the worktree it left is removed.
 */
export async function shipTrain(
  core: Core,
  path: RepositoryRef,
  options: { push?: boolean },
): Promise<TrainShipResult> {
  const repo = await repositoryContext(core, path);
  const resumed = await resumeBefore(core, repo, 'train.ship');
  if (resumed) return resumed.result as TrainShipResult;
  const scope = await trainScope(core, repo);
  const train = activeTrain(scope);
  const { root } = scope;
  const board = await trainBoard(core, scope);
  if (board.blocking.length > 0) {
    throw new DeskError('blocked', `${train.name} cannot ship yet: ${board.blocking.join('; ')}.`);
  }
  const head = await trainBranchHead(root, train);
  // The notes cover what this train adds since the release before it, which a shipped
  // train's tag on its own branch would otherwise hide from the branch's history.
  const notes = await planRelease(core, scope, {
    from: (await tagSha(root, train.previousTag)) === null ? undefined : train.previousTag!,
    to: head,
    releaseAs: train.version,
  });
  const changelog = notes.view.changelog;
  let intent: Intent<TrainShipPlan> | null = null;
  try {
    const done = await withBranchCheckedOut(
      root,
      train.branch,
      async (worktree) => {
        const { plan: release } = await prepareRelease(core, worktree, {
          releaseAs: train.version,
          reason: `${train.name} ships as ${train.version}`,
          changelog,
          push: options.push === true,
        });
        intent = beginIntent<TrainShipPlan>(core, {
          repo: release.repo,
          action: 'train.ship',
          subject: train.name,
          plan: {
            trainId: train.id,
            name: train.name,
            branch: train.branch,
            root,
            changelog,
            temporary: worktreeOwner(release.root) !== null,
            release,
          },
        });
        return applyRelease(core, release, intent as Intent<unknown>);
      },
      'ship',
    );
    return recordShipped(core, intent!, done.sha, done.pushed);
  } catch (error) {
    const started = intent as Intent<TrainShipPlan> | null;
    if (started === null) throw error;
    const step = error instanceof ReleaseStepError ? error.step : 'files';
    const reason = (error as Error).message;
    writeTransaction(core.db, () => {
      core.audit.append({
        actor: started.plan.release.actor,
        action: 'release.failed',
        repo: started.plan.release.repo,
        subject: started.plan.release.version,
        details: { step, reason },
      });
      started.finish('rolled-back', core.now(), `failed at the ${step} step and was undone`);
    });
    throw new DeskError(
      error instanceof DeskError ? error.code : 'git-failed',
      `Release ${started.plan.release.tag} failed at the ${step} step and was undone (nothing changed): ${reason}`,
    );
  }
}
