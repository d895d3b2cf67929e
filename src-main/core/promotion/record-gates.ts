import type { GateStatus } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { gatesOf } from './detail.js';
import type { ReleaseSituation } from './situation.js';
import { gateRows, saveGate } from './record-store.js';
import { outputSha256, promotionFacts, publicId, setState } from './store.js';
import type { PromotionRecord } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';

/** What the audit log keeps about a gate's result; a check's output is pinned by its hash. */
function gateDetails(promotion: PromotionRecord, gate: GateStatus): Record<string, unknown> {
  return {
    ...promotionFacts(promotion),
    gate: gate.name,
    kind: gate.kind,
    detail: gate.detail,
    ...(gate.run
      ? {
          exitCode: gate.run.exitCode,
          outputSha256: outputSha256(gate.run.output),
        }
      : {}),
  };
}

/**
 * Evaluates the gates of an open promotion, stores each one's state and records every gate
 * that newly passed or failed in the audit log, in one transaction.
 */
export function refreshGates(
  core: Core,
  situation: ReleaseSituation,
  promotion: PromotionRecord,
  actor: string,
): GateStatus[] {
  const gates = gatesOf(core, situation, promotion.environment, promotion);
  const now = core.now().toISOString();
  writeTransaction(core.db, () => {
    const stored = gateRows(core.db, promotion.id);
    gates.forEach((gate, position) => {
      const before = stored.get(position);
      if (before?.state === gate.state && before.detail === gate.detail) return;
      saveGate(core.db, promotion.id, { position, ...gate }, now);
      if (before?.state !== gate.state && (gate.state === 'passed' || gate.state === 'failed')) {
        core.audit.append({
          actor,
          action: `gate.${gate.state}`,
          repo: promotion.repo,
          subject: publicId(promotion),
          details: gateDetails(promotion, gate),
        });
      }
    });
  });
  return gates;
}

/** Ends an open promotion as failed (or rejected) with the reason, recorded; one already ended stays as it is. */
export function failPromotion(
  core: Core,
  promotion: PromotionRecord,
  actor: string,
  reason: string,
  state: 'failed' | 'rejected' = 'failed',
): void {
  writeTransaction(core.db, () => {
    if (!setState(core.db, promotion.id, state, { failure: reason, finishedAt: core.now().toISOString() }))
      return;
    core.audit.append({
      actor,
      action: state === 'failed' ? 'promotion.failed' : 'promotion.rejected',
      repo: promotion.repo,
      subject: publicId(promotion),
      details: {
        ...promotionFacts(promotion),
        reason,
      },
    });
  });
}
