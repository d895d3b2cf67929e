import type { GatePolicy } from '../../../../shared/domain/policy.js';
import type { GateStatus, PromotableRelease } from '../../../../shared/domain/promotion.js';
import type { Db } from '../../store/database.js';
import type { LedgerDecision } from '../../ledger/decisions.js';
import type { PromotionRow, RunRow, TickRow } from '../store.js';

/** Everything a gate needs to say where it stands, read once per evaluation. */
export interface GateContext {
  db: Db;
  now: Date;
  repo: string;
  environment: string;
  /** The release's commit and creator as git has them now. */
  release: Pick<PromotableRelease, 'sha' | 'createdBy'>;
  /** Null when previewing the gates of a promotion not started yet. */
  promotion: PromotionRow | null;
  /** The current identity's email (lower-cased), null when git has none. */
  actorEmail: string | null;
  checkRuns: Map<number, RunRow>;
  ticks: TickRow[];
  /** Decisions the shared ledger holds for this promotion. */
  approvals: LedgerDecision[];
  /** For a rollback: approvals given to the same commit in earlier promotions into this environment. */
  carriedApprovals: LedgerDecision[];
  /** Only decisions signed by an allowed signer count (`approvals.requireSigned`). */
  requireSigned: boolean;
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
