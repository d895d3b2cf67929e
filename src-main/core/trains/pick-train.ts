import type { Train, TrainCandidate, TrainPick, TrainPickOutcome } from '../../../shared/domain/trains.js';
import { readRemoteLinks } from '../changelog/remote-links.js';
import type { Core } from '../context.js';
import { actorIn } from '../context.js';
import { repositoryContext } from '../repository/repository-context.js';
import { DeskError } from '../errors.js';
import { pickOntoBranch } from '../git/cherry-pick.js';
import { listSummaries, plainSummary } from '../git/commit-summaries.js';
import type { SummaryWithMessage } from '../git/commit-summaries.js';
import { containingRefs } from '../git/contains.js';
import { assertCommitish, resolveCommit } from '../git/refs.js';
import { mainWorkingCopy } from '../git/repository-state.js';
import { beginIntent } from '../intent/intent-store.js';
import type { Intent } from '../intent/intent-store.js';
import { resumeBefore } from '../intent/resume.js';
import { commitsNotOnBranch, picksOf } from './train-board.js';
import { activeTrain, trainBranchHead, trainScope } from './train-scope.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { writeTransaction } from '../store/write-transaction.js';

const DEFAULT_CANDIDATES = 200;

/** Why a commit may not go onto a frozen train, or null when it may. */
function frozenRefusal(commit: SummaryWithMessage, allowed: string[]): string | null {
  if (commit.type !== null && allowed.includes(commit.type)) return null;
  const kind = commit.type === null ? 'not a conventional commit' : `a ${commit.type}`;
  return `the train is frozen and ${commit.shortSha} "${commit.subject}" is ${kind}; only ${allowed.join(', ')} may be picked`;
}

/** Commits of main the train does not have yet, for the Pick dialog. */
export async function trainCandidates(
  core: Core,
  path: RepositoryRef,
  filter: { types?: string[]; search?: string; limit?: number },
): Promise<TrainCandidate[]> {
  const scope = await trainScope(core, path);
  const train = activeTrain(scope);
  const head = await trainBranchHead(scope.root, train);
  const types = filter.types?.map((t) => t.toLowerCase());
  const search = filter.search?.trim().toLowerCase();
  const commits = (
    await commitsNotOnBranch(scope.root, train, head, await readRemoteLinks(scope.root))
  ).filter(
    (c) =>
      (!types || types.includes(c.type ?? 'other')) &&
      (!search ||
        [c.sha, c.subject, c.author, c.scope ?? ''].some((text) => text.toLowerCase().includes(search))),
  );
  return commits.slice(0, filter.limit ?? DEFAULT_CANDIDATES).map((commit) => {
    const reason = train.state === 'frozen' ? frozenRefusal(commit, scope.policy.trains.freezeAllows) : null;
    return { ...plainSummary(commit), allowed: reason === null, reason };
  });
}

/**
 * Cherry-picks commits (`-x`) onto the train's release branch, in the order given, without
 * touching the user's checkout. A frozen train refuses anything its policy does not allow,
 * before picking any. A conflict stops there and leaves the branch as the last good pick.
 */
export async function pickOntoTrain(
  core: Core,
  path: RepositoryRef,
  revs: string[],
): Promise<TrainPickOutcome> {
  revs.forEach((rev) => assertCommitish(rev));
  const repo = await repositoryContext(core, path);
  // A pick a killed run left half-done is recorded first; picking again skips what landed.
  await resumeBefore(core, repo, 'train.pick');
  const scope = await trainScope(core, repo);
  const train = activeTrain(scope);
  const { root } = scope;
  const head = await trainBranchHead(root, train);
  const shas = [...new Set(await Promise.all(revs.map((rev) => resolveCommit(root, rev))))];
  const commits = await listSummaries(root, shas, { noMerges: false, extra: ['--no-walk=unsorted'] });
  for (const commit of commits) {
    if (commit.parents.length > 1) {
      throw new DeskError(
        'pick-not-allowed',
        `${commit.shortSha} is a merge commit: pick the commits it merged instead.`,
      );
    }
    const refusal = train.state === 'frozen' ? frozenRefusal(commit, scope.policy.trains.freezeAllows) : null;
    if (refusal) throw new DeskError('pick-not-allowed', `Cannot pick onto ${train.name}: ${refusal}.`);
  }

  const held = await containingRefs(root, shas, [{ name: train.branch, sha: head }]);
  const skipped: TrainPickOutcome['skipped'] = [];
  const toPick = shas.filter((sha) => {
    const on = held.get(sha)?.[0];
    if (on)
      skipped.push({
        sha,
        reason: `already on ${train.branch}${on.via === 'direct' ? '' : ` as ${on.sha.slice(0, 7)}`}`,
      });
    return !on;
  });
  if (toPick.length === 0) return recordTrainPicks(core, train, root, [], skipped, null, head, null);
  // Picking happens in a worktree of its own (or the user's checkout of the branch) and moves the
  // branch at the end; the plan is recorded first, each landed pick after, for a killed run's successor.
  const intent = beginIntent(core, {
    repo: await mainWorkingCopy(root),
    action: 'train.pick',
    subject: train.branch,
    plan: { trainId: train.id, root, branch: train.branch, start: head, shas: toPick },
  });
  let result;
  try {
    result = await pickOntoBranch(root, train.branch, toPick, core.gitEnv, {
      atomic: false,
      onApplied: (from, to) => intent.step(`picked:${from}`, to),
      onMoved: (moved) => intent.step('moved', moved),
    });
  } catch (error) {
    writeTransaction(core.db, () => intent.finish('rolled-back', core.now(), (error as Error).message));
    throw error;
  }
  for (const sha of result.empty) skipped.push({ sha, reason: `its change is already on ${train.branch}` });
  const appliedTo = new Set(result.applied.map((a) => a.to));
  const picked = (await picksOf(root, train, result.head)).filter((p) => appliedTo.has(p.to));
  return recordTrainPicks(core, train, root, picked, skipped, result.conflict, result.head, intent);
}

/** The `train.picked` event (and the end of the pick's intent), in one transaction. */
export async function recordTrainPicks(
  core: Core,
  train: Train,
  root: string,
  picked: TrainPick[],
  skipped: TrainPickOutcome['skipped'],
  conflict: TrainPickOutcome['conflict'],
  head: string,
  intent: Intent<unknown> | null,
  resolution: string | null = null,
): Promise<TrainPickOutcome> {
  const actor = await actorIn(core, root);
  writeTransaction(core.db, () => {
    core.audit.append({
      actor,
      action: 'train.picked',
      repo: root,
      subject: train.name,
      details: {
        branch: train.branch,
        picks: picked.map(({ from, to }) => ({ from, to })),
        skipped,
        conflict,
        head,
      },
    });
    intent?.finish('done', core.now(), resolution);
  });
  return { picked, skipped, conflict };
}
