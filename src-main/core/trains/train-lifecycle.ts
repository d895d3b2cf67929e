import type { Train, TrainBoard } from '../../../shared/domain/trains.js';
import type { Core } from '../context.js';
import { requireActor } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { trainBoard } from './train-board.js';
import { activeTrain, trainBranchHead, trainScope } from './train-scope.js';
import { insertDecision, markCancelled, markFrozen } from './train-store.js';
import { writeTransaction } from '../store/write-transaction.js';
import { requireSigning } from '../ledger/signing-required.js';

/** Code freeze: from now on only the policy's fix types may be picked onto the train. */
export async function freezeTrain(core: Core, path: RepositoryRef): Promise<Train> {
  const scope = await trainScope(core, path);
  const train = activeTrain(scope);
  if (train.state === 'frozen') return train;
  const head = await trainBranchHead(scope.root, train);
  const actor = await requireActor(scope);
  return writeTransaction(core.db, () => {
    const frozen = markFrozen(core.db, train.id, core.now().toISOString());
    core.audit.append({
      actor,
      action: 'train.frozen',
      repo: scope.root,
      subject: train.name,
      details: { branch: train.branch, sha: head, allows: scope.policy.trains.freezeAllows },
    });
    return frozen;
  });
}

/**
 * Records the current git identity's go or no-go. The latest decision per person counts; a go
 * is bound to the branch head it was given for and lapses when the branch moves.
 */
export async function decideGoNoGo(
  core: Core,
  path: RepositoryRef,
  decision: 'go' | 'no-go',
  comment: string | undefined,
): Promise<TrainBoard> {
  const scope = await trainScope(core, path);
  const train = activeTrain(scope);
  const head = await trainBranchHead(scope.root, train);
  const actor = await requireActor(scope);
  await requireSigning(scope.root, scope.policy, core.gitEnv);
  const text = comment?.trim() || null;
  writeTransaction(core.db, () => {
    insertDecision(core.db, train.id, {
      actor,
      decision,
      comment: text,
      sha: head,
      at: core.now().toISOString(),
    });
    core.audit.append({
      actor,
      action: decision === 'go' ? 'train.approved' : 'train.no-go',
      repo: scope.root,
      subject: train.name,
      details: { branch: train.branch, sha: head, comment: text },
    });
  });
  return trainBoard(core, path);
}

/** Stops the train. Its branch is kept: it may hold picks someone wants. */
export async function cancelTrain(
  core: Core,
  path: RepositoryRef,
  reason: string | undefined,
): Promise<Train> {
  const scope = await trainScope(core, path);
  const train = activeTrain(scope);
  const actor = await requireActor(scope);
  const text = reason?.trim() || null;
  return writeTransaction(core.db, () => {
    const cancelled = markCancelled(core.db, train.id, core.now().toISOString(), text);
    core.audit.append({
      actor,
      action: 'train.cancelled',
      repo: scope.root,
      subject: train.name,
      details: { branch: train.branch, reason: text },
    });
    return cancelled;
  });
}
