import type { TrainShipResult } from '../../../shared/domain/trains.js';
import type { Core } from '../context.js';
import { actorIn } from '../context.js';
import { DeskError } from '../errors.js';
import { withBranchCheckedOut } from '../git/worktrees.js';
import { createRelease } from '../versioning/create-release.js';
import { planRelease } from '../versioning/plan-release.js';
import { tagSha, trainBoard } from './train-board.js';
import { activeTrain, trainBranchHead, trainScope } from './train-scope.js';
import { markShipped } from './train-store.js';

/**
 * Ships the train: releases X.Y.0 on its release branch (version files, CHANGELOG.md, the
 * release commit and the annotated tag, pushed with `push`) through the releases engine, with
 * the branch checked out in a temporary worktree so the user's checkout is untouched. Refused
 * while anything blocks (the train must be frozen and have its go/no-go approvals).
 */
export async function shipTrain(
  core: Core,
  path: string,
  options: { push?: boolean },
): Promise<TrainShipResult> {
  const scope = await trainScope(core, path);
  const train = activeTrain(scope);
  const { root } = scope;
  const board = await trainBoard(core, root);
  if (board.blocking.length > 0) {
    throw new DeskError('refused', `${train.name} cannot ship yet: ${board.blocking.join('; ')}.`);
  }
  const head = await trainBranchHead(root, train);
  // The notes cover what this train adds since the release before it, which a shipped
  // train's tag on its own branch would otherwise hide from the branch's history.
  const notes = await planRelease(core, root, {
    from: (await tagSha(root, train.previousTag)) === null ? undefined : train.previousTag!,
    to: head,
    releaseAs: train.version,
  });
  const outcome = await withBranchCheckedOut(root, train.branch, (worktree) =>
    createRelease(core, worktree, {
      releaseAs: train.version,
      reason: `${train.name} ships as ${train.version}`,
      changelog: notes.view.changelog,
      push: options.push === true,
    }),
  );
  const actor = await actorIn(core, root);
  const shipped = core.db.transaction(() => {
    const updated = markShipped(core.db, train.id, core.now().toISOString(), outcome.sha!);
    core.audit.append({
      actor,
      action: 'train.shipped',
      repo: root,
      subject: train.name,
      details: {
        branch: train.branch,
        version: outcome.version,
        tag: outcome.tag,
        sha: outcome.sha,
        pushed: outcome.pushed,
      },
    });
    return updated;
  })();
  return {
    train: shipped,
    tag: outcome.tag,
    version: outcome.version,
    sha: outcome.sha!,
    pushed: outcome.pushed,
    changelog: notes.view.changelog,
  };
}
