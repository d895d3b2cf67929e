import semver from 'semver';
import type { HotfixCandidate, HotfixPick, HotfixPickOutcome } from '../../../shared/domain/hotfix.js';
import type { PickConflict } from '../../../shared/domain/trains.js';
import { readRemoteLinks } from '../changelog/remote-links.js';
import type { Core } from '../context.js';
import { actorIn } from '../context.js';
import { DeskError } from '../errors.js';
import { branchHead } from '../git/branches.js';
import { cherryPickHere } from '../git/cherry-pick.js';
import { listSummaries, plainSummary } from '../git/commit-summaries.js';
import { containingRefs } from '../git/contains.js';
import { withoutCopies } from '../git/patch-id.js';
import { topologicalOrder } from '../git/topo-order.js';
import type { TargetRef } from '../git/contains.js';
import { assertCommitish, resolveCommit } from '../git/refs.js';
import { mainWorkingCopy } from '../git/repository-state.js';
import { beginIntent } from '../intent/intent-store.js';
import type { Intent } from '../intent/intent-store.js';
import { resumeBefore } from '../intent/resume.js';
import { allReleaseTags } from '../versioning/previous-release.js';
import { assertOnHotfix, hotfixScope, hotfixView, requireHotfix } from './hotfix-scope.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import type { HotfixRecord } from './hotfix-store.js';
import { writeTransaction } from '../store/write-transaction.js';

const DEFAULT_CANDIDATES = 100;
// A search looks further back than the default list, then keeps the first matches.
const SEARCH_WINDOW = 5000;

/** Fixes are what a hotfix is for: they lead the list, the rest keep their order after them. */
function fixesFirst<T extends { commit: { type: string | null } }>(rows: T[]): T[] {
  const rank = (row: T) => (row.commit.type === 'fix' ? 0 : 1);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/**
 * Commits the user can pick into a hotfix (from one branch, or every local branch): fixes first,
 * then newest first, one per change (a fix cherry-picked onto several branches is listed once,
 * as its original, with its copies named), each with the release tags that already have it.
 */
export async function hotfixCandidates(
  core: Core,
  path: RepositoryRef,
  filter: { ref?: string; search?: string; limit?: number },
): Promise<HotfixCandidate[]> {
  if (filter.ref !== undefined) assertCommitish(filter.ref);
  const scope = await hotfixScope(core, path);
  const { root, hotfix } = scope;
  const limit = filter.limit ?? DEFAULT_CANDIDATES;
  const search = filter.search?.trim().toLowerCase() || null;
  const revs = filter.ref !== undefined ? [await resolveCommit(root, filter.ref)] : [];
  if (hotfix) revs.push(`^${hotfix.baseSha}`);
  const listed = (
    await listSummaries(root, revs, {
      limit: search ? SEARCH_WINDOW : limit,
      extra: filter.ref === undefined ? ['--branches'] : [],
      links: await readRemoteLinks(root),
    })
  )
    .filter(
      (c) =>
        !search || [c.sha, c.subject, c.author, c.scope ?? ''].some((t) => t.toLowerCase().includes(search)),
    )
    .slice(0, limit);
  const unique = fixesFirst(await withoutCopies(root, listed));
  const commits = unique.map((row) => row.commit);

  const releases = await allReleaseTags(root, scope.policy.versioning);
  const targets: TargetRef[] = releases.map((r) => ({ name: `refs/tags/${r.name}`, sha: r.sha }));
  const hotfixHead = hotfix ? await branchHead(root, hotfix.branch) : null;
  if (hotfix && hotfixHead) targets.push({ name: `refs/heads/${hotfix.branch}`, sha: hotfixHead });
  const held = await containingRefs(
    root,
    commits.map((c) => c.sha),
    targets,
  );
  const versionOf = new Map(releases.map((r) => [`refs/tags/${r.name}`, r.version]));
  return unique.map(({ commit, copies }) => {
    const where = (held.get(commit.sha) ?? []).map((c) => c.target);
    return {
      ...plainSummary(commit),
      copies,
      containedIn: where
        .filter((name) => versionOf.has(name))
        .sort((a, b) => semver.compare(versionOf.get(a)!, versionOf.get(b)!))
        .map((name) => name.slice('refs/tags/'.length)),
      onHotfix: hotfix !== null && where.includes(`refs/heads/${hotfix.branch}`),
    };
  });
}

/**
 * Cherry-picks fixes (`-x`) onto the checked-out hotfix branch. A conflict stops there and is
 * left for the user: resolve and `git cherry-pick --continue`, or abort the hotfix.
 */
export async function pickIntoHotfix(
  core: Core,
  path: RepositoryRef,
  revs: string[],
): Promise<HotfixPickOutcome> {
  revs.forEach((rev) => assertCommitish(rev));
  const repo = await repositoryContext(core, path);
  // A pick a killed run left half-done is recorded first; picking again skips what landed.
  await resumeBefore(core, repo, 'hotfix.pick');
  const scope = await hotfixScope(core, repo);
  const hotfix = requireHotfix(scope);
  const { root } = scope;
  await assertOnHotfix(scope, hotfix, 'pick more fixes');
  const chosen = [...new Set(await Promise.all(revs.map((rev) => resolveCommit(root, rev))))];
  // Parents before children, whatever order they were chosen in: a fix and its follow-up apply in turn.
  const shas = await topologicalOrder(root, chosen, hotfix.baseSha);
  const commits = await listSummaries(root, shas, { noMerges: false, extra: ['--no-walk=unsorted'] });
  const merge = commits.find((c) => c.parents.length > 1);
  if (merge)
    throw new DeskError(
      'pick-not-allowed',
      `${merge.shortSha} is a merge commit: pick the commits it merged instead.`,
    );

  const intent = beginIntent(core, {
    repo: await mainWorkingCopy(root),
    action: 'hotfix.pick',
    subject: hotfix.branch,
    plan: {
      hotfixId: hotfix.id,
      root,
      branch: hotfix.branch,
      start: scope.head,
      shas: commits.map((c) => c.sha),
    },
  });
  const picked: HotfixPick[] = [];
  let conflict: PickConflict | null = null;
  for (const commit of commits) {
    const attempt = await cherryPickHere(root, commit.sha, core.gitEnv).catch((error: unknown) => {
      writeTransaction(core.db, () => intent.finish('rolled-back', core.now(), (error as Error).message));
      throw error;
    });
    if (attempt.kind === 'applied') {
      picked.push({ from: commit.sha, to: attempt.sha, subject: commit.subject });
      intent.step(`picked:${commit.sha}`, attempt.sha);
    }
    if (attempt.kind === 'conflict') {
      conflict = {
        sha: commit.sha,
        files: attempt.files,
        message:
          `Cherry-picking ${commit.shortSha} "${commit.subject}" conflicts in ${attempt.files.join(', ') || 'the working tree'}: ` +
          'resolve the files and run git cherry-pick --continue, or abort the hotfix.',
      };
      break;
    }
  }
  return recordHotfixPicks(core, root, hotfix, picked, conflict, intent);
}

/** The `hotfix.picked` event (and the end of the pick's intent), in one transaction. */
export async function recordHotfixPicks(
  core: Core,
  root: string,
  hotfix: HotfixRecord,
  picked: HotfixPick[],
  conflict: PickConflict | null,
  intent: Intent<unknown>,
  resolution: string | null = null,
): Promise<HotfixPickOutcome> {
  const actor = await actorIn(core, root);
  writeTransaction(core.db, () => {
    core.audit.append({
      actor,
      action: 'hotfix.picked',
      repo: root,
      subject: hotfix.branch,
      details: { picks: picked.map(({ from, to }) => ({ from, to })), conflict },
    });
    intent.finish('done', core.now(), resolution);
  });
  return { hotfix: await hotfixView(root, hotfix), picked, conflict };
}
