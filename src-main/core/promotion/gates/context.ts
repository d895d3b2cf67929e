import type { GatePolicy } from '../../../../shared/domain/policy.js';
import type { GateStatus, PromotableRelease } from '../../../../shared/domain/promotion.js';
import type { LedgerDecision } from '../../ledger/decisions.js';
import type { LedgerTick } from '../../ledger/ticks.js';
import type { RunRecord } from '../run-store.js';
import type { PromotionRecord } from '../store.js';

/** A stretch of time a release was live in an environment: from its deploy until it was replaced. */
export interface LiveStretch {
  from: string;
  /** When another release replaced it; null while it is still live. */
  until: string | null;
  /** The tag of the release that replaced it. */
  replacedBy: string | null;
}

/**
 * Everything a gate needs to say where it stands, read from the database and the ledger once
 * before evaluation, so every gate is a pure function of its policy and this context.
 */
export interface GateContext {
  now: Date;
  environment: string;
  /** The release's commit and creator as git has them now. */
  release: Pick<PromotableRelease, 'sha' | 'createdBy'>;
  /** Null when previewing the gates of a promotion not started yet. */
  promotion: PromotionRecord | null;
  /** The current identity's email (lower-cased), null when git has none. */
  actorEmail: string | null;
  checkRuns: Map<number, RunRecord>;
  ticks: LedgerTick[];
  /** Decisions the shared ledger holds for this promotion. */
  approvals: LedgerDecision[];
  /** For a rollback: approvals given to the same commit in earlier promotions into this environment. */
  carriedApprovals: LedgerDecision[];
  /** Only decisions signed by an allowed signer count (`approvals.requireSigned`). */
  requireSigned: boolean;
  /** Soak gates: when the release was live in each environment a soak names, oldest first. */
  liveIn: Record<string, LiveStretch[]>;
}

export type GateEvaluator<K extends GatePolicy['kind']> = (
  gate: Extract<GatePolicy, { kind: K }>,
  position: number,
  ctx: GateContext,
) => GateStatus;

/** Why the current identity cannot act on an open promotion at all, or null. */
export function cannotActReason(ctx: GateContext): string | null {
  if (!ctx.promotion) return 'Promote first: there is no promotion to act on yet.';
  if (ctx.promotion.state !== 'pending' && ctx.promotion.state !== 'in-progress') {
    return `The promotion is ${ctx.promotion.state}.`;
  }
  if (!ctx.actorEmail) return 'Git has no committer identity: set user.name and user.email.';
  return null;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
