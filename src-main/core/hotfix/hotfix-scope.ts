import type { Hotfix, HotfixPick } from '../../../shared/domain/hotfix.js';
import type { Policy } from '../../../shared/domain/policy.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { branchHead } from '../git/branches.js';
import { cherryPickInProgress, unmergedFiles } from '../git/cherry-pick.js';
import { listSummaries } from '../git/commit-summaries.js';
import { cherryPickedFrom } from '../git/patch-id.js';
import { isWorkingTreeClean } from '../git/repository-state.js';
import { repositoryContext, requirePolicy } from '../repository/repository-context.js';
import type { RepositoryContext, RepositoryRef } from '../repository/repository-context.js';
import type { HotfixRecord } from './hotfix-store.js';
import { startedHotfix } from './hotfix-store.js';
import { refreshLocalLedger } from '../ledger/local-ledger.js';

/** What every hotfix action starts from: the repository context with a valid policy, and the hotfix in progress. */
export interface HotfixScope extends RepositoryContext {
  policy: Policy;
  hotfix: HotfixRecord | null;
}

export async function hotfixScope(core: Core, ref: RepositoryRef): Promise<HotfixScope> {
  const repo = await repositoryContext(core, ref);
  const policy = requirePolicy(repo);
  // Hotfixes are rebuilt from the shared ledger: one started in another clone counts here.
  await refreshLocalLedger(core, repo.root);
  return { ...repo, policy, hotfix: startedHotfix(core.db, repo.root) };
}

/** Refuses to move the checkout when that could lose or tangle the user's work. */
export async function assertReadyToSwitch(root: string, what: string): Promise<void> {
  if ((await cherryPickInProgress(root)) !== null) {
    throw new DeskError(
      'cherry-pick-in-progress',
      `A cherry-pick is in progress: finish or abort it before you ${what}.`,
      { files: await unmergedFiles(root) },
    );
  }
  if (!(await isWorkingTreeClean(root))) {
    throw new DeskError(
      'dirty-working-tree',
      `The working tree has uncommitted changes: commit or stash them before you ${what}.`,
    );
  }
}

/** The hotfix must be what is checked out, with nothing half-done, before git changes it. */
export async function assertOnHotfix(scope: HotfixScope, hotfix: HotfixRecord, what: string): Promise<void> {
  if (scope.branch !== hotfix.branch) {
    throw new DeskError(
      'wrong-branch',
      `The hotfix branch ${hotfix.branch} is not checked out (HEAD is ${scope.branch ?? 'detached'}): git switch ${hotfix.branch} first.`,
    );
  }
  await assertReadyToSwitch(scope.root, what);
}

export function requireHotfix(scope: HotfixScope): HotfixRecord {
  if (!scope.hotfix)
    throw new DeskError('not-found', 'No hotfix in progress: start one from a release tag first.');
  return scope.hotfix;
}

/** The hotfix's own commits (its fixes), oldest first, read from the branch. */
export async function hotfixPicks(root: string, hotfix: HotfixRecord): Promise<HotfixPick[]> {
  const head = hotfix.releaseSha ?? (await branchHead(root, hotfix.branch));
  if (head === null) return [];
  const commits = await listSummaries(root, [head, `^${hotfix.baseSha}`]);
  return commits
    .filter((commit) => commit.sha !== hotfix.releaseSha)
    .reverse()
    .map((commit) => ({
      from: cherryPickedFrom(commit.message)[0] ?? commit.sha,
      to: commit.sha,
      subject: commit.subject,
    }));
}

/** The hotfix as the UI shows it, with its picks and any cherry-pick waiting on a conflict. */
export async function hotfixView(root: string, hotfix: HotfixRecord): Promise<Hotfix> {
  const stopped = hotfix.state === 'started' ? await cherryPickInProgress(root) : null;
  const { repo: _repo, ...fields } = hotfix;
  return {
    ...fields,
    picks: await hotfixPicks(root, hotfix),
    conflict: stopped
      ? {
          sha: stopped,
          files: await unmergedFiles(root),
          message: `Cherry-picking ${stopped.slice(0, 7)} stopped on a conflict: resolve the files and run git cherry-pick --continue, or abort the hotfix.`,
        }
      : null,
  };
}

/** The hotfix in progress in the repository at `path`, or null. */
export async function currentHotfix(core: Core, path: RepositoryRef): Promise<Hotfix | null> {
  const scope = await hotfixScope(core, path);
  return scope.hotfix ? hotfixView(scope.root, scope.hotfix) : null;
}
