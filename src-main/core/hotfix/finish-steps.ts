import type { CarryResult, HotfixFinishResult } from '../../../shared/domain/hotfix.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { branchHead, checkedOutRef } from '../git/branches.js';
import { pushRefs, RemoteFailure, transferProgress } from '../git/remote.js';
import { createAnnotatedTag, readTagDetails } from '../git/tags.js';
import type { Intent } from '../intent/intent-store.js';
import type { ReleasePlan } from '../versioning/release-steps.js';
import { recordRelease } from '../versioning/release-steps.js';
import { returnFromHotfix } from './abort-hotfix.js';
import { carryTo } from './carry-forward.js';
import { hotfixView } from './hotfix-scope.js';
import { hotfixById, markFinished } from './hotfix-store.js';
import { writeTransaction } from '../store/write-transaction.js';

/** The trailer the promotion rules read to put a release on the fast-track hotfix path. */
export const HOTFIX_TRAILER = 'Release-Desk-Path: hotfix';

/** What `hotfix finish` will do, kept in its intent before the first change. */
export interface HotfixFinishPlan {
  hotfixId: number;
  root: string;
  branch: string;
  baseTag: string;
  returnTo: string;
  version: string;
  tag: string;
  changelog: string;
  picks: { from: string; to: string }[];
  targets: string[];
  push: boolean;
  release: ReleasePlan;
}

/** Appends the fast-track trailer to the release's annotated tag (same tag, same commit), once. */
async function markFastTrack(root: string, tag: string, sha: string, env: NodeJS.ProcessEnv): Promise<void> {
  const [details] = await readTagDetails(root, tag);
  const message = (details?.message ?? '').trimEnd();
  if (message.split('\n').includes(HOTFIX_TRAILER)) return;
  await createAnnotatedTag(
    root,
    { name: tag, sha, message: `${message}\n\n${HOTFIX_TRAILER}\n`, force: true, cleanup: 'verbatim' },
    env,
  );
}

/**
 * Everything after the release commit and tag: the fast-track mark, the carries to main and the
 * newer lines, the records, the way back and the push. Each step is skipped when the intent
 * has it already, and carrying checks what each branch has, so running it again after a crash
 * does each thing once.
 */
export async function completeHotfixFinish(
  core: Core,
  intent: Intent<HotfixFinishPlan>,
  sha: string,
  pushedRelease: boolean,
): Promise<HotfixFinishResult> {
  const plan = intent.plan;
  const { root } = plan;
  if (!intent.has('fast-track')) {
    await markFastTrack(root, plan.tag, sha, core.gitEnv);
    intent.step('fast-track');
  }
  const fixes = plan.picks.map((pick) => pick.to);
  const carried: CarryResult[] = [];
  for (const name of plan.targets) {
    let result = intent.data<CarryResult>(`carry:${name}`);
    if (!result) {
      const head = await branchHead(root, name);
      result =
        head === null
          ? { branch: name, sha: null, status: 'conflict', detail: `${name} no longer exists.`, files: [] }
          : await carryTo(root, { name, sha: head }, fixes, core.gitEnv);
      intent.step(`carry:${name}`, result);
    }
    carried.push(result);
  }
  if (!intent.has('recorded')) {
    writeTransaction(core.db, () => {
      recordRelease(core, plan.release, sha, pushedRelease);
      markFinished(core.db, plan.hotfixId, {
        at: core.now().toISOString(),
        version: plan.version,
        tag: plan.tag,
        releaseSha: sha,
        carried,
      });
      core.audit.append({
        actor: plan.release.actor,
        action: 'hotfix.finished',
        repo: root,
        subject: plan.branch,
        details: {
          tag: plan.tag,
          version: plan.version,
          sha,
          baseTag: plan.baseTag,
          picks: plan.picks,
          carried,
        },
      });
      for (const carry of carried) {
        core.audit.append({
          actor: plan.release.actor,
          action: 'hotfix.carried',
          repo: root,
          subject: plan.tag,
          details: { branch: carry.branch, status: carry.status, sha: carry.sha, files: carry.files },
        });
      }
      intent.step('recorded');
    });
  }

  // The release is made and recorded: a checkout that cannot go back is reported, not undone.
  if (!intent.has('returned')) {
    const onHotfix = await checkedOutRef(root);
    const back =
      onHotfix === `refs/heads/${plan.branch}`
        ? await returnFromHotfix(root, plan.returnTo).then(
            () => null,
            (error: unknown) => (error as Error).message,
          )
        : null;
    if (back !== null) {
      writeTransaction(core.db, () => intent.finish('done', core.now(), 'could not switch back'));
      throw new DeskError(
        'git-failed',
        `Hotfix ${plan.tag} is finished, but switching back to ${plan.returnTo} failed (${back}): git switch ${plan.returnTo}.`,
      );
    }
    intent.step('returned');
  }
  let pushed = false;
  if (plan.push) {
    const refs = [
      `refs/tags/${plan.tag}:refs/tags/${plan.tag}`,
      ...carried
        .filter((c) => c.status === 'applied')
        .map((c) => `refs/heads/${c.branch}:refs/heads/${c.branch}`),
    ];
    const progress = transferProgress(core.progress, `hotfix-push-${plan.tag}`, 'push');
    const failed = await pushRefs(root, 'origin', refs, { env: core.gitEnv, onProgress: progress.onProgress })
      .then(
        () => null,
        (error: unknown) => {
          if (error instanceof RemoteFailure) return error.gitMessage;
          throw error;
        },
      )
      .finally(progress.end);
    if (failed !== null) {
      writeTransaction(core.db, () => intent.finish('done', core.now(), 'the push failed'));
      throw new DeskError(
        'git-failed',
        `Hotfix ${plan.tag} is finished locally, but the push failed (${failed}): run git push origin ${refs.join(' ')}.`,
      );
    }
    pushed = true;
    writeTransaction(core.db, () => {
      core.audit.append({
        actor: plan.release.actor,
        action: 'hotfix.pushed',
        repo: root,
        subject: plan.tag,
        details: { refs },
      });
      intent.finish('done', core.now());
    });
  } else writeTransaction(core.db, () => intent.finish('done', core.now()));
  return {
    hotfix: await hotfixView(root, hotfixById(core.db, plan.hotfixId)),
    tag: plan.tag,
    version: plan.version,
    sha,
    changelog: plan.changelog,
    carried,
    pushed,
  };
}
