import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { executeRun } from './command-runs.js';
import { deploy } from './deploy.js';
import { downgradeFrom, promoteRefusal, promotionDetail } from './detail.js';
import { isSkipped } from './gates/evaluate.js';
import type { Intent } from '../intent/intent-store.js';
import { joinOrBegin } from '../intent/join.js';
import { resumeInterrupted } from '../intent/resume.js';
import { recoverInterruptedRuns } from './interrupted-runs.js';
import { failPromotion, refreshGates } from './record-gates.js';
import { currentHash, environmentSnapshot, snapshotHash } from './snapshot.js';
import { releaseSituation, requireActor, requirePolicy } from './situation.js';
import type { ReleaseSituation } from './situation.js';
import { latestRuns } from './run-store.js';
import {
  currentIn,
  insertPromotion,
  isOpen,
  latestPromotion,
  markPolicyChangeSeen,
  promotionById,
  promotionFacts,
  publicId,
  setState,
} from './store.js';
import type { PromotionRecord } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';
import type { RepositoryRef } from '../repository/repository-context.js';

function createPromotion(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  actor: string,
  replaces: PromotionRecord | null,
  downgrade: { from: string; reason: string } | null,
): PromotionRecord {
  const snapshot = environmentSnapshot(requirePolicy(situation), environment);
  const hash = snapshotHash(snapshot);
  const { release, root } = situation;
  return writeTransaction(core.db, () => {
    // Another process may have opened it since it was read: one open promotion per release and environment.
    const open = latestPromotion(core.db, root, environment, release.version);
    if (open && isOpen(open)) return open;
    const row = insertPromotion(core.db, {
      repo: root,
      environment,
      version: release.version,
      tag: release.tag,
      sha: release.sha,
      requestedBy: actor,
      releaseCreator: release.createdBy,
      fastTrack: release.fastTrack,
      replaces,
      snapshot,
      policyHash: hash,
      startedAt: core.now().toISOString(),
    });
    const { attempt } = row;
    core.audit.append({
      actor,
      action: 'promotion.started',
      repo: root,
      subject: publicId(row),
      details: {
        ...promotionFacts(row),
        tag: release.tag,
        attempt,
        fastTrack: release.fastTrack,
        rollback: replaces !== null,
        replaces: replaces ? publicId(replaces) : null,
        policyHash: hash,
        policy: snapshot,
        ...(downgrade ? { downgrade } : {}),
      },
    });
    return row;
  });
}

/** A policy edit while the promotion is open is shown and recorded once; the promotion keeps its own. */
function notePolicyChange(
  core: Core,
  situation: ReleaseSituation,
  promotion: PromotionRecord,
  actor: string,
): void {
  const now = currentHash(situation.policy, promotion.environment) ?? 'unusable';
  if (now === promotion.policyHash || now === promotion.policyChangeSeen) return;
  writeTransaction(core.db, () => {
    markPolicyChangeSeen(core.db, promotion.id, now);
    core.audit.append({
      actor,
      action: 'policy.changed-during-promotion',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: {
        promotion: publicId(promotion),
        startedWith: promotion.policyHash,
        current: now,
        error: situation.policyError?.message ?? null,
        kept: 'the promotion keeps the policy it started with',
      },
    });
  });
}

/** Runs the check gates that have not passed yet, in order, stopping at the first that does not pass. */
async function runChecks(core: Core, promotion: PromotionRecord): Promise<void> {
  const { snapshot } = promotion;
  for (const [position, gate] of snapshot.environment.gates.entries()) {
    if (gate.kind !== 'check' || isSkipped(gate, snapshot, promotion)) continue;
    if (latestRuns(core.db, promotion.id).checks.get(position)?.state === 'passed') continue;
    const run = await executeRun(core, promotion, {
      kind: 'check',
      position,
      name: gate.name,
      command: gate.run,
      timeoutMs: gate.timeoutMs,
    });
    setState(core.db, promotion.id, 'pending');
    if (run.state !== 'passed') return;
  }
}

function succeed(core: Core, promotion: PromotionRecord, actor: string, signOffOnly: boolean): void {
  writeTransaction(core.db, () => {
    if (!setState(core.db, promotion.id, 'succeeded', { finishedAt: core.now().toISOString() })) return;
    core.audit.append({
      actor,
      action: 'promotion.succeeded',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: {
        ...promotionFacts(promotion),
        rollback: promotion.rollback,
        signOffOnly,
      },
    });
    const replaced = promotion.replaces === null ? undefined : promotionById(core.db, promotion.replaces);
    if (replaced?.state === 'succeeded') {
      setState(core.db, replaced.id, 'rolled-back');
      core.audit.append({
        actor,
        action: 'promotion.rolled-back',
        repo: promotion.repo,
        subject: publicId(replaced),
        details: {
          ...promotionFacts(replaced),
          replacedBy: publicId(promotion),
          rolledBackTo: { version: promotion.version, sha: promotion.sha },
        },
      });
    }
  });
}

/** Moves an open promotion as far as it can go now: checks, gates, deploy, outcome. */
async function advance(
  core: Core,
  situation: ReleaseSituation,
  promotion: PromotionRecord,
  actor: string,
  intent: Intent<PromotePlan>,
  retryDeploy: boolean,
): Promise<void> {
  if (promotion.sha !== situation.release.sha) {
    const reason =
      `the tag ${promotion.tag} now points at ${situation.release.sha.slice(0, 12)}, not at ${promotion.sha.slice(0, 12)} ` +
      'where this promotion started: a release is immutable, so this promotion cannot continue';
    failPromotion(core, promotion, actor, reason);
    return;
  }
  await runChecks(core, promotion);
  intent.step('checks');
  // Read it again: while the checks ran, someone may have rejected it or overridden its window.
  const current = promotionById(core.db, promotion.id)!;
  if (!isOpen(current)) return;
  const gates = refreshGates(core, situation, current, actor);
  const failed = gates.find((gate) => gate.state === 'failed');
  if (failed) {
    failPromotion(core, current, actor, `${failed.name}: ${failed.detail}`);
    return;
  }
  if (!gates.every((gate) => gate.state === 'passed' || gate.state === 'skipped')) return;
  const outcome = await deploy(core, current, actor, { retry: retryDeploy, intent });
  if (outcome.ok === 'interrupted') return;
  setState(core.db, current.id, 'pending');
  if (!outcome.ok) failPromotion(core, current, actor, outcome.reason);
  else succeed(core, current, actor, outcome.run === null);
}

export interface PromoteOptions {
  /** Run again a deploy that was interrupted (its process was killed): only when the user asks. */
  retryDeploy?: boolean;
  /** Why a release older than the live one goes in (a downgrade needs one; it is recorded). */
  reason?: string;
}

/** A downgrade outside a rollback needs a reason; none given refuses before anything is recorded. */
function downgradeReason(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  reason: string | undefined,
): { from: string; reason: string } | null {
  const live = downgradeFrom(core, situation, environment);
  if (!live) return null;
  const text = reason?.trim();
  if (!text) {
    throw new DeskError(
      'invalid-input',
      `${situation.release.tag} is older than ${live.tag}, which is live in ${environment}: promoting it is a downgrade ` +
        'and needs a reason (it is recorded). To return to the release live before, roll back instead.',
    );
  }
  return { from: live.tag, reason: text };
}

/** What a promote run is about; its steps are the promotion's own rows (runs, state). */
export interface PromotePlan {
  root: string;
  environment: string;
  version: string;
  tag: string;
  actor: string;
}

/**
 * `promote VERSION --to ENV`: starts a promotion (or resumes the open one) and takes it as far as
 * it can go without people or time. `replaces` makes it a rollback of that promotion. A second
 * `promote` of the same release and environment while one runs waits for it and reports its
 * outcome: no second attempt, no second deploy. A deploy that was interrupted runs again only
 * with `retryDeploy`.
 */
export async function promote(
  core: Core,
  dir: RepositoryRef,
  version: string,
  environment: string,
  replaces: PromotionRecord | null = null,
  options: PromoteOptions = {},
): Promise<PromotionDetail> {
  let situation = await releaseSituation(core, dir, version);
  const actor = requireActor(situation);
  await resumeInterrupted(core, situation.root);
  await recoverInterruptedRuns(core, actor);
  const { root, release } = situation;
  const { intent, joined } = await joinOrBegin<PromotePlan>(core, {
    repo: root,
    action: 'promote',
    subject: `${release.tag}@${environment}`,
    lockKey: `${root}\0promote\0${environment}\0${release.version}`,
    plan: { root, environment, version: release.version, tag: release.tag, actor },
  });
  try {
    // Waiting on another run: what it did is this run's outcome, and the tag may have moved meanwhile.
    if (joined) situation = await releaseSituation(core, dir, version);
    const latest = latestPromotion(core.db, root, environment, release.version);
    if (joined && latest && !isOpen(latest)) return promotionDetail(core, situation, environment);
    // Finished already (the last approval or tick finished it): promoting again only says so.
    if (latest?.state === 'succeeded' && currentIn(core.db, root, environment)?.id === latest.id) {
      const finished = `${release.tag} is already live in ${environment}: nothing to do.`;
      return { ...promotionDetail(core, situation, environment), finished };
    }
    const open = latest && isOpen(latest) ? latest : null;
    if (!open) requirePolicy(situation);
    const refusal = promoteRefusal(core, situation, environment, latest, { rollback: replaces !== null });
    if (refusal) throw new DeskError(open ? 'conflict' : 'blocked', refusal);
    if (open) notePolicyChange(core, situation, open, actor);
    const downgrade = open || replaces ? null : downgradeReason(core, situation, environment, options.reason);
    const promotion = open ?? createPromotion(core, situation, environment, actor, replaces, downgrade);
    intent.step('created', promotion.id);
    await advance(core, situation, promotion, actor, intent, options.retryDeploy === true);
    return promotionDetail(core, situation, environment);
  } finally {
    intent.finish('done', core.now());
  }
}
