import semver from 'semver';
import type { Policy } from '../../../shared/domain/policy.js';
import type { TrainCutResult } from '../../../shared/domain/trains.js';
import type { Core } from '../context.js';
import { requireActor } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { DeskError } from '../errors.js';
import { createBranch, deleteBranch, isAncestor } from '../git/branches.js';
import { assertCommitish, resolveCommit } from '../git/refs.js';
import { allReleaseTags, previousReleases } from '../versioning/previous-release.js';
import type { ReleaseTag } from '../versioning/previous-release.js';
import { planRelease } from '../versioning/plan-release.js';
import { releaseBranchName } from './release-lines.js';
import { scheduledShipFor } from './train-plan.js';
import { mainLine, trainScope } from './train-scope.js';
import { insertTrain } from './train-store.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * The train's version: what the releases engine computes for the commits since the last
 * release, but at least a minor (a train is never a patch), and above every version already
 * released anywhere (a shipped train's tag lives on its branch, not on main).
 */
export async function trainVersion(
  core: Core,
  root: string,
  cutSha: string,
  policy: Policy,
): Promise<{ version: string; previous: ReleaseTag | null }> {
  const releases = (await allReleaseTags(root, policy.versioning)).filter((r) => !r.prerelease);
  const previous = releases[0] ?? null;
  const plan = await planRelease(core, root, { from: previous?.name, to: cutSha, changelog: false });
  const { current, next, bump } = plan.view;
  let version: string;
  if (current === null) version = next ?? policy.versioning.initialVersion;
  else if (next !== null && bump !== 'patch' && semver.patch(next) === 0 && !semver.prerelease(next))
    version = next;
  else version = semver.inc(current, 'minor')!;
  if (previous && !semver.gt(version, previous.version)) version = semver.inc(previous.version, 'minor')!;
  return { version, previous };
}

/**
 * Cuts a train: creates the release branch from main at `at` (default main's head) with the
 * version X.Y.0 the history calls for. One train at a time per repository.
 */
export async function cutTrain(core: Core, path: RepositoryRef, at?: string): Promise<TrainCutResult> {
  if (at !== undefined) assertCommitish(at);
  const scope = await trainScope(core, path);
  const { root, policy, train: latest } = scope;
  if (latest && (latest.state === 'cut' || latest.state === 'frozen')) {
    throw new DeskError(
      'wrong-state',
      `${latest.name} is ${latest.state}: ship or cancel it before cutting another train.`,
    );
  }
  const main = await mainLine(root);
  const cutSha = at === undefined ? main.head : await resolveCommit(root, at);
  if (!(await isAncestor(root, cutSha, main.head))) {
    throw new DeskError(
      'invalid-cut-point',
      `${at} is not on ${main.branch}: a train is cut from the main branch.`,
    );
  }
  const releases = await allReleaseTags(root, policy.versioning);
  const onMain = (await previousReleases(root, main.head, releases)).lastStable;
  if (onMain && !(await isAncestor(root, onMain.sha, cutSha))) {
    throw new DeskError(
      'invalid-cut-point',
      `${onMain.name} was released from a later commit of ${main.branch}: cut the train at or after it.`,
    );
  }
  const { version, previous } = await trainVersion(core, root, cutSha, policy);
  const tag = `${policy.versioning.tagPrefix}${version}`;
  const branch = releaseBranchName(policy.trains.branch, version);
  await createBranch(root, branch, cutSha);
  const actor = await requireActor(scope).catch(async (error: unknown) => {
    await deleteBranch(root, branch);
    throw error;
  });
  try {
    const train = writeTransaction(core.db, () => {
      const inserted = insertTrain(core.db, {
        repo: root,
        name: `train-${version}`,
        version,
        branch,
        tag,
        cutSha,
        previousTag: previous?.name ?? null,
        scheduledShip: scheduledShipFor(policy, core.now()),
        cutAt: core.now().toISOString(),
        cutBy: actor,
      });
      core.audit.append({
        actor,
        action: 'train.cut',
        repo: root,
        subject: inserted.name,
        details: {
          branch,
          version,
          tag,
          sha: cutSha,
          previousTag: inserted.previousTag,
          scheduledShip: inserted.scheduledShip,
        },
      });
      return inserted;
    });
    return { train, sha: cutSha };
  } catch (error) {
    await deleteBranch(root, branch);
    throw error;
  }
}
