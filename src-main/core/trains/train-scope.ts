import type { Policy } from '../../../shared/domain/policy.js';
import type { Train } from '../../../shared/domain/trains.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { branchHead, defaultBranch } from '../git/branches.js';
import { repositoryContext, requirePolicy } from '../repository/repository-context.js';
import type { RepositoryContext, RepositoryRef } from '../repository/repository-context.js';
import { latestTrain } from './train-store.js';
import { refreshLocalLedger } from '../ledger/local-ledger.js';

/** What every train action starts from: the repository context with a valid policy, and its latest train. */
export interface TrainScope extends RepositoryContext {
  policy: Policy;
  train: Train | null;
}

export async function trainScope(core: Core, ref: RepositoryRef): Promise<TrainScope> {
  const repo = await repositoryContext(core, ref);
  const policy = requirePolicy(repo);
  // Trains are rebuilt from the shared ledger: a train cut or shipped in another clone counts here.
  await refreshLocalLedger(core, repo.root);
  return { ...repo, policy, train: latestTrain(core.db, repo.root) };
}

/** The train in progress (cut or frozen), or a refusal saying what to do instead. */
export function activeTrain(
  scope: TrainScope,
): Train & { branch: string; version: string; tag: string; cutSha: string } {
  const train = scope.train;
  if (!train) throw new DeskError('not-found', 'No train yet: cut one first (release-desk train cut).');
  if (train.state !== 'cut' && train.state !== 'frozen') {
    throw new DeskError(
      'wrong-state',
      `The latest train, ${train.name}, is ${train.state}: cut a new train first.`,
    );
  }
  return train as Train & { branch: string; version: string; tag: string; cutSha: string };
}

/** A train's branch this clone lacks: deleted here, or cut in another clone and not fetched yet. */
export function missingBranch(train: { name: string; branch: string }): string {
  return `The branch ${train.branch} of ${train.name} is not in this clone`;
}

function fetchOrRestore(train: { branch: string }): string {
  return `fetch it (git fetch origin ${train.branch}:${train.branch}) or restore it`;
}

/** The train's release branch head; refused when the branch was deleted outside Release Desk. */
export async function trainBranchHead(
  root: string,
  train: { name: string; branch: string },
): Promise<string> {
  const head = await branchHead(root, train.branch);
  if (head === null) {
    throw new DeskError(
      'not-found',
      `${missingBranch(train)}: ${fetchOrRestore(train)}, or cancel the train.`,
    );
  }
  return head;
}

/** The main branch and its head. */
export async function mainLine(root: string): Promise<{ branch: string; head: string }> {
  const branch = await defaultBranch(root);
  return { branch, head: (await branchHead(root, branch))! };
}
