import type { Hotfix } from '../../../shared/domain/hotfix.js';
import type { Core } from '../context.js';
import { requireActor } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from '../git/refs.js';
import { deleteBranch, switchTo, switchToNewBranch } from '../git/branches.js';
import { allReleaseTags } from '../versioning/previous-release.js';
import { versionTagNames } from '../versioning/tag-naming.js';
import { assertReadyToSwitch, hotfixScope, hotfixView } from './hotfix-scope.js';
import { insertHotfix } from './hotfix-store.js';
import { nextFreePatch } from './hotfix-releases.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * Starts a hotfix from a released tag: creates `hotfix/X.Y.Z` (the next free patch) at the tag
 * and checks it out, remembering what was checked out so abort and finish can return to it.
 */
export async function startHotfix(core: Core, path: RepositoryRef, from: string): Promise<Hotfix> {
  assertSafeRefName(from, 'tag');
  const scope = await hotfixScope(core, path);
  const { root, policy } = scope;
  if (scope.hotfix) {
    throw new DeskError(
      'wrong-state',
      `Hotfix ${scope.hotfix.branch} is in progress: finish or abort it first.`,
    );
  }
  const prefix = policy.versioning.tagPrefix;
  const releases = await allReleaseTags(root, policy.versioning);
  // A bare version names its release behind any prefix (the older ones' tags are releases too).
  const named = versionTagNames(from, policy.versioning);
  const base = releases.find((r) => r.name === from) ?? releases.find((r) => named.includes(r.name));
  if (!base) throw new DeskError('not-found', `${from} is not a release tag (tags are ${prefix}X.Y.Z).`);
  if (base.prerelease) {
    throw new DeskError(
      'invalid-hotfix-base',
      `${base.name} is a prerelease: a hotfix starts from a released version.`,
    );
  }
  await assertReadyToSwitch(root, 'start a hotfix');

  const version = await nextFreePatch(root, base.version, releases);
  const branch = assertSafeRefName(`hotfix/${version}`, 'hotfix branch');
  const returnTo = scope.branch ?? scope.head;
  const actor = await requireActor(scope);
  await switchToNewBranch(root, branch, base.sha);
  try {
    const record = writeTransaction(core.db, () => {
      const inserted = insertHotfix(core.db, {
        repo: root,
        baseTag: base.name,
        baseVersion: base.version,
        baseSha: base.sha,
        branch,
        version,
        tag: `${prefix}${version}`,
        returnTo,
        startedBy: actor,
        startedAt: core.now().toISOString(),
      });
      core.audit.append({
        actor,
        action: 'hotfix.started',
        repo: root,
        subject: branch,
        details: {
          baseTag: base.name,
          baseVersion: base.version,
          sha: base.sha,
          version,
          tag: `${prefix}${version}`,
          returnTo,
        },
      });
      return inserted;
    });
    return hotfixView(root, record);
  } catch (error) {
    // No record, no branch: put the checkout back as it was.
    await switchTo(root, scope.branch ? { branch: scope.branch } : { detach: scope.head });
    await deleteBranch(root, branch);
    throw error;
  }
}
