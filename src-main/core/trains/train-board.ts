import type { Train, TrainBoard, TrainPick } from '../../../shared/domain/trains.js';
import { readRemoteLinks } from '../changelog/remote-links.js';
import type { RemoteLinks } from '../changelog/remote-links.js';
import type { Core } from '../context.js';
import { branchHead } from '../git/branches.js';
import { listSummaries, plainSummary } from '../git/commit-summaries.js';
import type { SummaryWithMessage } from '../git/commit-summaries.js';
import { containingRefs } from '../git/contains.js';
import { cherryPickedFrom } from '../git/patch-id.js';
import { resolveCommit } from '../git/refs.js';
import { tagCommit } from '../git/tags.js';
import { trainPlan } from './train-plan.js';
import { mainLine, trainScope } from './train-scope.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { requireSigned } from '../ledger/allowed-signers.js';
import { emailOf } from '../promotion/release.js';
import { withVoteSigners } from '../ledger/signers.js';
import type { GoNoGoDecision } from '../../../shared/domain/trains.js';
import { latestDecisions } from './train-store.js';

/** The commit a tag points at, or null when the tag is gone. */
export async function tagSha(root: string, tag: string | null): Promise<string | null> {
  return tag === null ? null : tagCommit(root, tag);
}

/**
 * Commits of main after the cut that the release branch has neither directly nor as an
 * equivalent. `until` (a shipped train's ship time) leaves out what was committed after it:
 * those are the next train's, not ones this train missed.
 */
export async function commitsNotOnBranch(
  root: string,
  train: { cutSha: string },
  head: string | null,
  links: RemoteLinks | null,
  until: string | null = null,
): Promise<SummaryWithMessage[]> {
  const main = await mainLine(root);
  const after = await listSummaries(root, [main.head, `^${train.cutSha}`], {
    links,
    extra: until === null ? [] : [`--until=${new Date(until).toISOString()}`],
  });
  if (head === null || after.length === 0) return after;
  const held = await containingRefs(
    root,
    after.map((c) => c.sha),
    [{ name: 'train', sha: head }],
  );
  return after.filter((commit) => (held.get(commit.sha) ?? []).length === 0);
}

/**
 * The heads a shipped train's go/no-go was decided on: the ship commit's parent (the branch
 * before the release commit) and the ship commit itself. A "go" there counted when it shipped.
 */
async function shipHeads(root: string, shippedSha: string): Promise<string[]> {
  const parent = await resolveCommit(root, `${shippedSha}^1`).catch(() => null);
  return parent === null ? [shippedSha] : [shippedSha, parent];
}

/** Commits on the release branch since the cut, each with the commit it was picked from. */
export async function picksOf(root: string, train: Train, head: string): Promise<TrainPick[]> {
  const commits = await listSummaries(root, [head, `^${train.cutSha!}`]);
  return commits
    .filter((commit) => commit.sha !== train.shippedSha)
    .map((commit) => ({
      from: cherryPickedFrom(commit.message)[0] ?? commit.sha,
      to: commit.sha,
      subject: commit.subject,
      type: commit.type,
      by: commit.committer,
      at: commit.committerDate,
    }));
}

/**
 * Where only signed decisions count, a go counts when the ledger holds it signed by its own
 * voter's allowed key, once per signer: a go typed into the database or made under someone
 * else's name is shown, said not to count, and does not open the ship.
 */
function countedVotes(decisions: GoNoGoDecision[], signedOnly: boolean): GoNoGoDecision[] {
  if (!signedOnly) return decisions;
  const signers = new Set<string>();
  return decisions.map((d) => {
    if (d.decision !== 'go' || !d.current) return d;
    const signer = d.signer?.toLowerCase();
    if (!signer) return { ...d, uncounted: 'not signed with an allowed key: only signed votes count here' };
    if (signer !== emailOf(d.actor)) return { ...d, uncounted: `signed by ${d.signer}, not by the voter` };
    if (signers.has(signer)) return { ...d, uncounted: `${d.signer} has already voted` };
    signers.add(signer);
    return d;
  });
}

const counts = (d: GoNoGoDecision): boolean => d.decision === 'go' && d.current && !d.uncounted;

/** What still stops the ship, in plain words. */
function blockingOf(
  train: Train,
  head: string | null,
  cutHere: boolean,
  board: Pick<TrainBoard, 'decisions' | 'approvalsRequired'>,
): string[] {
  if (train.state === 'shipped') return [];
  if (train.state === 'cancelled') return ['the train was cancelled'];
  const blocking: string[] = [];
  if (!cutHere)
    blocking.push(`the cut commit ${train.cutSha!.slice(0, 7)} is not in this clone (git fetch origin)`);
  if (head === null)
    blocking.push(
      `branch ${train.branch} is not in this clone (git fetch origin ${train.branch}:${train.branch})`,
    );
  if (train.state === 'cut') blocking.push('train is not frozen');
  const goes = board.decisions.filter(counts).length;
  if (goes < board.approvalsRequired)
    blocking.push(`${goes} of ${board.approvalsRequired} go/no-go approvals`);
  for (const d of board.decisions.filter((d) => d.decision === 'no-go')) {
    blocking.push(`no-go from ${d.actor}${d.comment ? `: ${d.comment}` : ''}`);
  }
  return blocking;
}

/**
 * The board of the repository's latest train: what made it (main up to the cut since the
 * previous release), what missed it (main after the cut, not picked), what was picked, who
 * decided go or no-go, and what blocks the ship.
 */
export async function trainBoard(core: Core, path: RepositoryRef): Promise<TrainBoard> {
  const scope = await trainScope(core, path);
  const { root, policy, train } = scope;
  // Who a go/no-go would be recorded under, for the dialog that asks for it.
  const actor = await scope.actor();
  const plan = trainPlan(core.db, root, policy, core.now());
  const approvalsRequired = policy.trains.goNoGo.approvals;
  if (!train) {
    return {
      train: null,
      onBoard: [],
      missed: [],
      picked: [],
      blocking: ['no train has been cut'],
      decisions: [],
      approvalsRequired,
      approvalsGiven: 0,
      branchHead: null,
      plan,
      actor,
    };
  }
  const links = await readRemoteLinks(root);
  const head = await branchHead(root, train.branch!);
  // A train cut in another clone from a commit this one has not fetched yet: the ledger says
  // what the train is; its commits show once main is fetched.
  const cutHere = await resolveCommit(root, train.cutSha!).then(
    () => true,
    () => false,
  );
  const previous = await tagSha(root, train.previousTag);
  const onBoard = cutHere
    ? await listSummaries(root, previous ? [train.cutSha!, `^${previous}`] : [train.cutSha!], { links })
    : [];
  const shipped = train.state === 'shipped' ? train.shippedAt : null;
  const missed = cutHere
    ? await commitsNotOnBranch(root, { cutSha: train.cutSha! }, head, links, shipped)
    : [];
  // A shipped train's decisions are read as they stood at the ship, not against a branch that moved on.
  const heads =
    train.state === 'shipped' && train.shippedSha ? await shipHeads(root, train.shippedSha) : null;
  // Votes show who signed them (the scope brought the ledger's index up to date).
  const decisions = countedVotes(
    withVoteSigners(
      core.db,
      root,
      train.name,
      latestDecisions(core.db, train.id, head).map((d) =>
        heads ? { ...d, current: heads.includes(d.sha) } : d,
      ),
    ),
    requireSigned(policy, root),
  );
  return {
    train,
    onBoard: onBoard.map(plainSummary),
    missed: missed.map(plainSummary),
    picked: head && cutHere ? await picksOf(root, train, head) : [],
    blocking: blockingOf(train, head, cutHere, { decisions, approvalsRequired }),
    decisions,
    approvalsRequired,
    approvalsGiven: decisions.filter(counts).length,
    branchHead: head,
    plan,
    actor,
  };
}
