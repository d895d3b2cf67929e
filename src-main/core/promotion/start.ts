import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { executeRun } from './command-runs.js';
import { deploy } from './deploy.js';
import { promoteRefusal, promotionDetail } from './detail.js';
import { isSkipped } from './gates/evaluate.js';
import type { Intent } from '../intent/intent-store.js';
import { joinOrBegin } from '../intent/join.js';
import { resumeInterrupted } from '../intent/resume.js';
import { recoverInterruptedRuns } from './interrupted-runs.js';
import { failPromotion, refreshGates } from './record-gates.js';
import { currentHash, environmentSnapshot, snapshotHash } from './snapshot.js';
import { releaseSituation, requireActor, requirePolicy } from './situation.js';
import type { ReleaseSituation } from './situation.js';
import {
  isOpen,
  latestPromotion,
  latestRuns,
  nextAttempt,
  promotionById,
  promotionFacts,
  publicId,
  setState,
  snapshotOf,
} from './store.js';
import type { PromotionRow } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';
import type { RepositoryRef } from '../repository/repository-context.js';

function createPromotion(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  actor: string,
  replaces: PromotionRow | null,
): PromotionRow {
  const snapshot = environmentSnapshot(requirePolicy(situation), environment);
  const hash = snapshotHash(snapshot);
  const { release, root } = situation;
  return writeTransaction(core.db, () => {
    // Another process may have opened it since it was read: one open promotion per release and environment.
    const open = latestPromotion(core.db, root, environment, release.version);
    if (open && isOpen(open)) return open;
    const attempt = nextAttempt(core.db, root, environment, release.version);
    const id = Number(
      core.db
        .prepare(
          `INSERT INTO promotions (repo, environment, version, tag, sha, attempt, state, requested_by, release_creator,
             fast_track, is_rollback, replaces, policy_json, policy_hash, started_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          root,
          environment,
          release.version,
          release.tag,
          release.sha,
          attempt,
          actor,
          release.createdBy,
          release.fastTrack ? 1 : 0,
          replaces ? 1 : 0,
          replaces?.id ?? null,
          JSON.stringify(snapshot),
          hash,
          core.now().toISOString(),
        ).lastInsertRowid,
    );
    const row = promotionById(core.db, id)!;
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
      },
    });
    return row;
  });
}

/** A policy edit while the promotion is open is shown and recorded once; the promotion keeps its own. */
function notePolicyChange(
  core: Core,
  situation: ReleaseSituation,
  promotion: PromotionRow,
  actor: string,
): void {
  const now = currentHash(situation.policy, promotion.environment) ?? 'unusable';
  if (now === promotion.policy_hash || now === promotion.policy_change_seen) return;
  writeTransaction(core.db, () => {
    core.db.prepare('UPDATE promotions SET policy_change_seen = ? WHERE id = ?').run(now, promotion.id);
    core.audit.append({
      actor,
      action: 'policy.changed-during-promotion',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: {
        promotion: publicId(promotion),
        startedWith: promotion.policy_hash,
        current: now,
        error: situation.policyError?.message ?? null,
        kept: 'the promotion keeps the policy it started with',
      },
    });
  });
}

/** Runs the check gates that have not passed yet, in order, stopping at the first that does not pass. */
async function runChecks(core: Core, promotion: PromotionRow): Promise<void> {
  const snapshot = snapshotOf(promotion);
  for (const [position, gate] of snapshot.environment.gates.entries()) {
    if (gate.kind !== 'check' || isSkipped(gate, snapshot, promotion.fast_track === 1)) continue;
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

function succeed(core: Core, promotion: PromotionRow, actor: string, signOffOnly: boolean): void {
  writeTransaction(core.db, () => {
    if (!setState(core.db, promotion.id, 'succeeded', { finishedAt: core.now().toISOString() })) return;
    core.audit.append({
      actor,
      action: 'promotion.succeeded',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: {
        ...promotionFacts(promotion),
        rollback: promotion.is_rollback === 1,
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
  promotion: PromotionRow,
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
  replaces: PromotionRow | null = null,
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
    const open = latest && isOpen(latest) ? latest : null;
    if (!open) requirePolicy(situation);
    const refusal = promoteRefusal(core, situation, environment, latest, { rollback: replaces !== null });
    if (refusal) throw new DeskError(open ? 'conflict' : 'blocked', refusal);
    if (open) notePolicyChange(core, situation, open, actor);
    const promotion = open ?? createPromotion(core, situation, environment, actor, replaces);
    intent.step('created', promotion.id);
    await advance(core, situation, promotion, actor, intent, options.retryDeploy === true);
    return promotionDetail(core, situation, environment);
  } finally {
    intent.finish('done', core.now());
  }
}
