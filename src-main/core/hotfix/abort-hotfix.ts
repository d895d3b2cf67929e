import type { Hotfix } from '../../../shared/domain/hotfix.js';
import type { Core } from '../context.js';
import { requireActor } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { DeskError } from '../errors.js';
import { branchHead, deleteBranch, switchTo } from '../git/branches.js';
import { abortCherryPick } from '../git/cherry-pick.js';
import { isWorkingTreeClean } from '../git/repository-state.js';
import { hotfixPicks, hotfixScope, requireHotfix } from './hotfix-scope.js';
import { markAborted } from './hotfix-store.js';
import { writeTransaction } from '../store/write-transaction.js';

/** Checks out what was checked out before the hotfix started: a branch, or a detached SHA. */
export async function returnFromHotfix(root: string, returnTo: string): Promise<void> {
  const isBranch = (await branchHead(root, returnTo).catch(() => null)) !== null;
  await switchTo(root, isBranch ? { branch: returnTo } : { detach: returnTo });
}

/**
 * Undoes a hotfix completely: aborts a stopped cherry-pick, returns to what was checked out
 * before, and deletes the hotfix branch, so branches, HEAD and working tree are as they were.
 */
export async function abortHotfix(core: Core, path: RepositoryRef): Promise<Hotfix> {
  const scope = await hotfixScope(core, path);
  const hotfix = requireHotfix(scope);
  const { root } = scope;
  const picks = await hotfixPicks(root, hotfix);
  if (scope.branch === hotfix.branch) {
    await abortCherryPick(root);
    if (!(await isWorkingTreeClean(root))) {
      throw new DeskError(
        'dirty-working-tree',
        `${hotfix.branch} has uncommitted changes: commit or discard them (git restore .), then abort again.`,
      );
    }
    await returnFromHotfix(root, hotfix.returnTo);
  }
  const head = await branchHead(root, hotfix.branch);
  if (head !== null) await deleteBranch(root, hotfix.branch);
  const actor = await requireActor(scope);
  const aborted = writeTransaction(core.db, () => {
    const record = markAborted(core.db, hotfix.id, core.now().toISOString());
    core.audit.append({
      actor,
      action: 'hotfix.aborted',
      repo: root,
      subject: hotfix.branch,
      details: {
        returnTo: hotfix.returnTo,
        deletedBranchHead: head,
        picks: picks.map(({ from, to }) => ({ from, to })),
      },
    });
    return record;
  });
  const { repo: _repo, ...fields } = aborted;
  return { ...fields, picks, conflict: null };
}
