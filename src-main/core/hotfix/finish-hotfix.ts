import type { CarryResult, HotfixFinishResult, HotfixPreview } from '../../../shared/domain/hotfix.js';
import type { Core } from '../context.js';
import { actorIn } from '../context.js';
import { DeskError } from '../errors.js';
import { branchHead } from '../git/branches.js';
import { git, runGit } from '../git/run-git.js';
import { allReleaseTags } from '../versioning/previous-release.js';
import { createRelease } from '../versioning/create-release.js';
import { planRelease } from '../versioning/plan-release.js';
import { returnFromHotfix } from './abort-hotfix.js';
import { carryTargets, carryTo } from './carry-forward.js';
import { nextFreePatch } from './hotfix-releases.js';
import { assertOnHotfix, hotfixPicks, hotfixScope, hotfixView, requireHotfix } from './hotfix-scope.js';
import type { HotfixScope } from './hotfix-scope.js';
import type { HotfixRecord } from './hotfix-store.js';
import { markFinished } from './hotfix-store.js';

/** The trailer the promotion rules read to put a release on the fast-track hotfix path. */
export const HOTFIX_TRAILER = 'Release-Desk-Path: hotfix';

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
  const prefix = policy.versioning.tagPrefix;
  const releases = await allReleaseTags(root, prefix);
  // Someone may have released this patch meanwhile: then the next free one.
  const version = releases.some((r) => r.version === hotfix.version)
    ? await nextFreePatch(root, hotfix.baseVersion, releases)
    : hotfix.version;
  const plan = await planRelease(core, root, { from: hotfix.baseTag, to: head, releaseAs: version });
  const targets = await carryTargets(root, policy, hotfix.baseVersion);
  return { picks, version, tag: `${prefix}${version}`, changelog: plan.view.changelog, targets };
}

export async function previewHotfix(core: Core, path: string): Promise<HotfixPreview> {
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

/** Appends the fast-track trailer to the release's annotated tag (same tag, same commit). */
async function markFastTrack(root: string, tag: string, sha: string, env: NodeJS.ProcessEnv): Promise<void> {
  const message = (await git(root, ['for-each-ref', '--format=%(contents)', `refs/tags/${tag}`])).trimEnd();
  await git(
    root,
    [
      'tag',
      '-a',
      '-f',
      '--cleanup=verbatim',
      '-m',
      `${message}\n\n${HOTFIX_TRAILER}\n`,
      '--end-of-options',
      tag,
      sha,
    ],
    {
      env,
    },
  );
}

/**
 * Finishes the hotfix: releases the patch on the hotfix branch (version files, changelog,
 * release commit, annotated tag marked fast-track), carries the fixes to main and the newer
 * release lines, returns to the branch the user was on, and pushes the tag and the carried
 * branches when asked.
 */
export async function finishHotfix(
  core: Core,
  path: string,
  options: { push?: boolean },
): Promise<HotfixFinishResult> {
  const scope = await hotfixScope(core, path);
  const hotfix = requireHotfix(scope);
  const { root } = scope;
  await assertOnHotfix(scope, hotfix, 'finish the hotfix');
  const p = await prepare(core, scope, hotfix);
  if (p.picks.length === 0)
    throw new DeskError('refused', `Nothing to release: pick at least one fix into ${hotfix.branch} first.`);
  if (options.push && !(await git(root, ['remote'])).split('\n').includes('origin')) {
    throw new DeskError(
      'refused',
      'Cannot push: this repository has no "origin" remote (git remote add origin <url>).',
    );
  }

  const outcome = await createRelease(core, root, {
    releaseAs: p.version,
    reason: `hotfix of ${hotfix.baseTag}`,
    changelog: p.changelog,
  });
  const sha = outcome.sha!;
  await markFastTrack(root, outcome.tag, sha, core.gitEnv);
  const fixes = p.picks.map((pick) => pick.to);
  const carried: CarryResult[] = [];
  for (const target of p.targets) carried.push(await carryTo(root, target, fixes, core.gitEnv));
  const actor = await actorIn(core, root);
  const finished = core.db.transaction(() => {
    const record = markFinished(core.db, hotfix.id, {
      at: core.now().toISOString(),
      version: p.version,
      tag: outcome.tag,
      releaseSha: sha,
      carried,
    });
    core.audit.append({
      actor,
      action: 'hotfix.finished',
      repo: root,
      subject: hotfix.branch,
      details: {
        tag: outcome.tag,
        version: p.version,
        sha,
        baseTag: hotfix.baseTag,
        picks: p.picks.map(({ from, to }) => ({ from, to })),
      },
    });
    for (const carry of carried) {
      core.audit.append({
        actor,
        action: 'hotfix.carried',
        repo: root,
        subject: outcome.tag,
        details: { branch: carry.branch, status: carry.status, sha: carry.sha, files: carry.files },
      });
    }
    return record;
  })();

  // The release is made and recorded: a checkout that cannot go back is reported, not undone.
  const back = await returnFromHotfix(root, hotfix.returnTo).then(
    () => null,
    (error: unknown) => (error as Error).message,
  );
  if (back !== null) {
    throw new DeskError(
      'git-failed',
      `Hotfix ${outcome.tag} is finished, but switching back to ${hotfix.returnTo} failed (${back}): git switch ${hotfix.returnTo}.`,
    );
  }
  let pushed = false;
  if (options.push) {
    const refs = [
      `refs/tags/${outcome.tag}:refs/tags/${outcome.tag}`,
      ...carried
        .filter((c) => c.status === 'applied')
        .map((c) => `refs/heads/${c.branch}:refs/heads/${c.branch}`),
    ];
    const push = await runGit(root, ['push', '--atomic', '--quiet', '--end-of-options', 'origin', ...refs], {
      env: core.gitEnv,
      okExitCodes: [1, 128],
    });
    if (push.exitCode !== 0) {
      throw new DeskError(
        'git-failed',
        `Hotfix ${outcome.tag} is finished locally, but the push failed (${push.stderr.trim().split('\n').pop()}): run git push origin ${refs.join(' ')}.`,
      );
    }
    pushed = true;
    core.db.transaction(() => {
      core.audit.append({
        actor,
        action: 'hotfix.pushed',
        repo: root,
        subject: outcome.tag,
        details: { refs },
      });
    })();
  }
  return {
    hotfix: await hotfixView(root, finished),
    tag: outcome.tag,
    version: p.version,
    sha,
    changelog: p.changelog,
    carried,
    pushed,
  };
}
