import type { HotfixFinishResult, HotfixPreview } from '../../../shared/domain/hotfix.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { branchHead } from '../git/branches.js';
import { remoteNames } from '../git/remote.js';
import { beginIntent } from '../intent/intent-store.js';
import { resumeBefore } from '../intent/resume.js';
import { allReleaseTags } from '../versioning/previous-release.js';
import { prepareRelease } from '../versioning/create-release.js';
import { planRelease } from '../versioning/plan-release.js';
import { applyRelease, ReleaseStepError } from '../versioning/release-steps.js';
import { carryTargets } from './carry-forward.js';
import type { HotfixFinishPlan } from './finish-steps.js';
import { completeHotfixFinish } from './finish-steps.js';
import { nextFreePatch } from './hotfix-releases.js';
import { assertOnHotfix, hotfixPicks, hotfixScope, hotfixView, requireHotfix } from './hotfix-scope.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import type { HotfixScope } from './hotfix-scope.js';
import type { HotfixRecord } from './hotfix-store.js';
import { writeTransaction } from '../store/write-transaction.js';

export { HOTFIX_TRAILER } from './finish-steps.js';

/** Version, notes and carry targets of the hotfix as it stands. */
async function prepare(core: Core, scope: HotfixScope, hotfix: HotfixRecord) {
  const { root, policy } = scope;
  const head = await branchHead(root, hotfix.branch);
  if (head === null)
    throw new DeskError(
      'not-found',
      `The hotfix branch ${hotfix.branch} no longer exists: abort the hotfix.`,
    );
  const picks = await hotfixPicks(root, hotfix);
  const releases = await allReleaseTags(root, policy.versioning);
  // Someone may have released this patch meanwhile: then the next free one.
  const version = releases.some((r) => r.version === hotfix.version)
    ? await nextFreePatch(root, hotfix.baseVersion, releases)
    : hotfix.version;
  const plan = await planRelease(core, scope, { from: hotfix.baseTag, to: head, releaseAs: version });
  const targets = await carryTargets(root, policy, hotfix.baseVersion);
  return {
    picks,
    version,
    tag: `${policy.versioning.tagPrefix}${version}`,
    changelog: plan.view.changelog,
    targets,
  };
}

export async function previewHotfix(core: Core, path: RepositoryRef): Promise<HotfixPreview> {
  const scope = await hotfixScope(core, path);
  const hotfix = requireHotfix(scope);
  const p = await prepare(core, scope, hotfix);
  return {
    hotfix: await hotfixView(scope.root, hotfix),
    version: p.version,
    tag: p.tag,
    changelog: p.changelog,
    carryTargets: p.targets.map((t) => t.name),
  };
}

/**
 * Finishes the hotfix: releases the patch on the hotfix branch (version files, changelog,
 * release commit, annotated tag marked fast-track), carries the fixes to main and the newer
 * release lines, returns to the branch the user was on, and pushes the tag and the carried
 * branches when asked. The plan is recorded before the first change: a run killed midway is
 * finished (once tagged) or undone by the next run, and never releases the fix a second time.
 */
export async function finishHotfix(
  core: Core,
  path: RepositoryRef,
  options: { push?: boolean },
): Promise<HotfixFinishResult> {
  const repo = await repositoryContext(core, path);
  const resumed = await resumeBefore(core, repo, 'hotfix.finish');
  if (resumed) return resumed.result as HotfixFinishResult;
  const scope = await hotfixScope(core, repo);
  const hotfix = requireHotfix(scope);
  const { root } = scope;
  await assertOnHotfix(scope, hotfix, 'finish the hotfix');
  const p = await prepare(core, scope, hotfix);
  if (p.picks.length === 0)
    throw new DeskError(
      'nothing-to-release',
      `Nothing to release: pick at least one fix into ${hotfix.branch} first.`,
    );
  if (options.push && !(await remoteNames(root)).includes('origin')) {
    throw new DeskError(
      'no-remote',
      'Cannot push: this repository has no "origin" remote (git remote add origin <url>).',
    );
  }
  const { plan: release } = await prepareRelease(core, scope, {
    releaseAs: p.version,
    reason: `hotfix of ${hotfix.baseTag}`,
    changelog: p.changelog,
  });
  const plan: HotfixFinishPlan = {
    hotfixId: hotfix.id,
    root,
    branch: hotfix.branch,
    baseTag: hotfix.baseTag,
    returnTo: hotfix.returnTo,
    version: p.version,
    tag: release.tag,
    changelog: p.changelog,
    picks: p.picks.map(({ from, to }) => ({ from, to })),
    targets: p.targets.map((t) => t.name),
    push: options.push === true,
    release,
  };
  const intent = beginIntent(core, {
    repo: release.repo,
    action: 'hotfix.finish',
    subject: release.tag,
    plan,
  });
  let done;
  try {
    done = await applyRelease(core, release, intent);
  } catch (error) {
    const step = error instanceof ReleaseStepError ? error.step : 'files';
    const reason = (error as Error).message;
    writeTransaction(core.db, () => {
      core.audit.append({
        actor: release.actor,
        action: 'release.failed',
        repo: release.repo,
        subject: release.version,
        details: { step, reason },
      });
      intent.finish('rolled-back', core.now(), `failed at the ${step} step and was undone`);
    });
    throw new DeskError(
      error instanceof DeskError ? error.code : 'git-failed',
      `Hotfix ${release.tag} failed at the ${step} step and was undone (nothing changed): ${reason}`,
    );
  }
  return completeHotfixFinish(core, intent, done.sha, done.pushed);
}
