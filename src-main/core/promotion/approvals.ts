import type { GatePolicy } from '../../../shared/domain/policy.js';
import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { requireSigning } from '../ledger/signing-required.js';
import { refreshLocalLedger } from '../ledger/local-ledger.js';
import { promotionDetail } from './detail.js';
import { gateContext } from './gate-context.js';
import { approveRefusal, rejectRefusal } from './gates/approval-gate.js';
import { cannotActReason } from './gates/context.js';
import type { GateContext } from './gates/context.js';
import { evaluateWindowGate } from './gates/window.js';
import { finishIfReady } from './finish.js';
import { failPromotion, refreshGates } from './record-gates.js';
import { insertDecision, insertTick, ticksFor } from './record-store.js';
import type { StoredDecision, StoredTick } from './record-store.js';
import { releaseSituation, requireActor } from './situation.js';
import type { ReleaseSituation } from './situation.js';
import { isOpen, latestPromotion, publicId, setWindowOverride } from './store.js';
import type { PromotionRecord } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';
import type { RepositoryRef } from '../repository/repository-context.js';

interface OpenPromotion {
  situation: ReleaseSituation;
  promotion: PromotionRecord;
  actor: string;
}

/** The latest promotion of the release into the environment; open unless `anyState` (checked later). */
async function openPromotion(
  core: Core,
  dir: RepositoryRef,
  version: string,
  environment: string,
  anyState = false,
): Promise<OpenPromotion> {
  const situation = await releaseSituation(core, dir, version);
  const actor = requireActor(situation);
  const { release } = situation;
  const promotion = latestPromotion(core.db, situation.root, environment, release.version);
  const hint = `release-desk promote ${release.version} --to ${environment}`;
  if (!promotion) {
    throw new DeskError(
      'conflict',
      `${release.tag} has no promotion to ${environment} yet: start one first (${hint}).`,
    );
  }
  if (!anyState) requireOpen(promotion);
  if (promotion.sha !== release.sha) {
    throw new DeskError(
      'conflict',
      `The tag ${release.tag} moved to ${release.sha.slice(0, 12)} after this promotion started at ${promotion.sha.slice(0, 12)}: ` +
        'nothing more can be recorded for it.',
    );
  }
  return { situation, promotion, actor };
}

function requireOpen(promotion: PromotionRecord): void {
  if (isOpen(promotion)) return;
  throw new DeskError(
    'conflict',
    `The promotion ${publicId(promotion)} is ${promotion.state}; a new one starts with ` +
      `release-desk promote ${promotion.version} --to ${promotion.environment}.`,
  );
}

function gateOf<K extends GatePolicy['kind']>(
  promotion: PromotionRecord,
  kind: K,
): Extract<GatePolicy, { kind: K }> {
  const gate = promotion.snapshot.environment.gates.find((g) => g.kind === kind);
  if (!gate) throw new DeskError('not-found', `${promotion.environment} has no ${kind} gate.`);
  return gate as Extract<GatePolicy, { kind: K }>;
}

/** The audit event's details for a decision: exactly the approval row's content, so an edited row no longer matches. */
export function approvalContent(
  row: Omit<StoredDecision, 'id' | 'auditSeq'>,
  promotion: PromotionRecord,
): Record<string, unknown> {
  return {
    promotion: publicId(promotion),
    environment: row.environment,
    version: promotion.version,
    approver: row.approver,
    actor: row.actor,
    decision: row.decision,
    sha: row.sha,
    at: row.at,
    comment: row.comment,
  };
}

export function tickContent(
  row: Omit<StoredTick, 'id' | 'auditSeq'>,
  promotion: PromotionRecord,
): Record<string, unknown> {
  return { promotion: publicId(promotion), item: row.item, actor: row.actor, note: row.note, at: row.at };
}

/** Where only signed decisions count, one that could not be signed is refused before anything is recorded. */
function requireSigningFor(core: Core, open: OpenPromotion): Promise<void> {
  return requireSigning(open.situation.root, open.situation.policy, core.gitEnv);
}

/**
 * Appends what was just recorded to the shared ledger, where decisions are counted from. The
 * local record stays queued when that fails, and the failure is reported rather than hidden.
 */
async function shareRecord(core: Core, open: OpenPromotion, what: string): Promise<void> {
  const failure = await refreshLocalLedger(core, open.situation.root);
  if (failure) {
    throw new DeskError(
      'git-failed',
      `${what} is recorded locally but not yet in the shared ledger, so it does not count yet: ${failure.error}`,
    );
  }
}

async function recordDecision(
  core: Core,
  open: OpenPromotion,
  decision: 'approved' | 'rejected',
  comment: string | null,
): Promise<void> {
  await requireSigningFor(core, open);
  const { promotion, actor, situation } = open;
  const row = {
    promotionId: promotion.id,
    repo: promotion.repo,
    environment: promotion.environment,
    approver: situation.actorEmail!,
    actor,
    decision,
    sha: promotion.sha,
    at: core.now().toISOString(),
    comment,
  };
  writeTransaction(core.db, () => {
    const event = core.audit.append({
      actor,
      action: decision === 'approved' ? 'approval.given' : 'approval.rejected',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: approvalContent(row, promotion),
    });
    insertDecision(core.db, { ...row, auditSeq: event.seq });
  });
  await shareRecord(core, open, decision === 'approved' ? 'The approval' : 'The rejection');
}

function contextOf(core: Core, open: OpenPromotion): GateContext {
  return gateContext(core, open.situation, open.promotion.snapshot, open.promotion);
}

/**
 * After a decision, a tick or an override: records where the gates stand, and when that was
 * the last gate, finishes the promotion there and then (deploy, per policy) instead of waiting
 * for someone to press Promote again.
 */
async function settle(
  core: Core,
  dir: RepositoryRef,
  open: OpenPromotion,
  promotion: PromotionRecord,
): Promise<PromotionDetail> {
  const gates = refreshGates(core, open.situation, promotion, open.actor);
  return (
    (await finishIfReady(core, dir, promotion, gates)) ??
    promotionDetail(core, open.situation, promotion.environment)
  );
}

/** Approves the open promotion as the current identity (who must be listed, not the release's creator or requester). */
export async function approve(
  core: Core,
  dir: RepositoryRef,
  version: string,
  environment: string,
  comment?: string,
): Promise<PromotionDetail> {
  const open = await openPromotion(core, dir, version, environment);
  const gate = gateOf(open.promotion, 'approval');
  const refusal = approveRefusal(gate, contextOf(core, open));
  if (refusal) throw new DeskError('forbidden', refusal);
  await recordDecision(core, open, 'approved', comment?.trim() || null);
  return settle(core, dir, open, open.promotion);
}

/** Rejects the open promotion: one rejection by a listed approver ends it. */
export async function reject(
  core: Core,
  dir: RepositoryRef,
  version: string,
  environment: string,
  comment: string,
): Promise<PromotionDetail> {
  if (!comment.trim()) throw new DeskError('invalid-input', 'A rejection needs a comment saying why.');
  const open = await openPromotion(core, dir, version, environment);
  const gate = gateOf(open.promotion, 'approval');
  const refusal = rejectRefusal(gate, contextOf(core, open));
  if (refusal) throw new DeskError('forbidden', refusal);
  await recordDecision(core, open, 'rejected', comment.trim());
  refreshGates(core, open.situation, open.promotion, open.actor);
  failPromotion(core, open.promotion, open.actor, `rejected by ${open.actor}: ${comment.trim()}`, 'rejected');
  return promotionDetail(core, open.situation, environment);
}

/** Ticks a checklist item of the open promotion, recording who, when and the note. */
export async function tick(
  core: Core,
  dir: RepositoryRef,
  version: string,
  environment: string,
  item: string,
  note?: string,
): Promise<PromotionDetail> {
  // An item ticked already says so (and by whom) even once the tick finished the promotion.
  const open = await openPromotion(core, dir, version, environment, true);
  const { promotion, actor } = open;
  const items = promotion.snapshot.environment.gates.filter((g) => g.kind === 'checklist').map((g) => g.name);
  const name =
    items.find((i) => i === item.trim()) ?? items.find((i) => i.toLowerCase() === item.trim().toLowerCase());
  if (!name) {
    const known = items.length ? items.map((i) => `"${i}"`).join(', ') : 'none';
    throw new DeskError('not-found', `${environment} has no checklist item "${item}" (items: ${known}).`);
  }
  const done = ticksFor(core.db, promotion.id).find((t) => t.item === name);
  if (done) throw new DeskError('conflict', `"${name}" was already ticked by ${done.actor} at ${done.at}.`);
  requireOpen(promotion);
  const refusal = cannotActReason(contextOf(core, open));
  if (refusal) throw new DeskError('blocked', refusal);
  // Ticks count only signed where decisions must be: refuse one that could not be, before recording it.
  await requireSigningFor(core, open);
  const row = {
    promotionId: promotion.id,
    item: name,
    actor,
    note: note?.trim() || null,
    at: core.now().toISOString(),
  };
  writeTransaction(core.db, () => {
    const event = core.audit.append({
      actor,
      action: 'checklist.ticked',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: tickContent(row, promotion),
    });
    insertTick(core.db, { ...row, auditSeq: event.seq });
  });
  await shareRecord(core, open, 'The tick');
  return settle(core, dir, open, promotion);
}

/** Lets the open promotion through a closed window; the reason is required and recorded. */
export async function overrideWindow(
  core: Core,
  dir: RepositoryRef,
  version: string,
  environment: string,
  reason: string,
): Promise<PromotionDetail> {
  if (!reason.trim()) throw new DeskError('invalid-input', 'Overriding a freeze window needs a reason.');
  const open = await openPromotion(core, dir, version, environment);
  const { promotion, actor } = open;
  const gate = gateOf(promotion, 'window');
  const status = evaluateWindowGate(gate, 0, contextOf(core, open));
  if (status.state === 'passed') throw new DeskError('wrong-state', `Nothing to override: ${status.detail}.`);
  if (status.canAct && !status.canAct.allowed)
    throw new DeskError('blocked', status.canAct.reason ?? 'Not allowed now.');
  const override = { by: actor, at: core.now().toISOString(), reason: reason.trim() };
  writeTransaction(core.db, () => {
    setWindowOverride(core.db, promotion.id, override);
    core.audit.append({
      actor,
      action: 'window.overridden',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: { promotion: publicId(promotion), gate: gate.name, window: status.detail, ...override },
    });
  });
  await shareRecord(core, open, 'The override');
  return settle(core, dir, open, { ...promotion, windowOverride: override });
}
