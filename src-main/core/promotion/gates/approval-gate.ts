import type { GatePolicy } from '../../../../shared/domain/policy.js';
import type { ApprovalRecord } from '../../../../shared/domain/promotion.js';
import { ALLOWED_SIGNERS } from '../../ledger/allowed-signers.js';
import type { LedgerDecision } from '../../ledger/decisions.js';
import { formatDuration } from '../../policy/durations.js';
import { emailOf } from '../release.js';
import { cannotActReason, orList } from './context.js';
import type { GateContext, GateEvaluator } from './context.js';

type ApprovalGate = Extract<GatePolicy, { kind: 'approval' }>;

function listed(gate: ApprovalGate, email: string): boolean {
  return gate.approvers.some((approver) => approver.toLowerCase() === email);
}

/** Why `email` may not be counted as an approver of this promotion (policy rules only), or null. */
function ineligibility(gate: ApprovalGate, ctx: GateContext, email: string): string | null {
  if (!listed(gate, email)) {
    return `${email} is not an approver for ${ctx.environment} (approvers: ${gate.approvers.join(', ')}).`;
  }
  if (gate.allowSelf) return null;
  if (ctx.release.createdBy === email) {
    return `${email} created this release and may not approve it (the policy forbids self-approval).`;
  }
  if (ctx.promotion && emailOf(ctx.promotion.requestedBy) === email) {
    return `${email} requested this promotion and may not approve it (the policy forbids self-approval).`;
  }
  return null;
}

/**
 * Why a decision's signature does not make it count, or null. The signer must be the approver:
 * distinct approvers are distinct allowed principals, not distinct name strings.
 */
export function signatureProblem(row: LedgerDecision): string | null {
  const { status, signer, key } = row.signature;
  if (row.imported) return 'imported from a local database from before the ledger: not signed';
  if (status === 'N') return 'not signed, and this repository counts only signed decisions';
  if (status === 'U') return `signed with a key that is not in ${ALLOWED_SIGNERS} (${key ?? 'unknown key'})`;
  if (status !== 'G') return `its signature does not verify (git reports "${status}")`;
  if (signer?.toLowerCase() !== row.approver) {
    return `signed by ${signer ?? 'someone else'}, not by ${row.approver}`;
  }
  return null;
}

function whyNotCounted(
  gate: ApprovalGate,
  ctx: GateContext,
  row: LedgerDecision,
  carried: boolean,
): string | null {
  if (ctx.requireSigned) {
    const unsigned = signatureProblem(row);
    if (unsigned) return unsigned;
  }
  if (row.decision !== 'approved') return 'a rejection';
  if (row.sha !== ctx.release.sha || (ctx.promotion && row.sha !== ctx.promotion.sha)) {
    return `given for commit ${row.sha.slice(0, 12)}, not the release's ${ctx.release.sha.slice(0, 12)}`;
  }
  const refusal = ineligibility(gate, ctx, row.approver);
  if (refusal) return refusal;
  // Approvals carried into a rollback were valid when that commit went live; they do not lapse.
  if (!carried && gate.expiresMs !== null && ctx.now.getTime() - Date.parse(row.at) > gate.expiresMs) {
    return `lapsed: older than ${formatDuration(gate.expiresMs)}`;
  }
  return null;
}

/** The decisions that stand for this promotion, each saying whether it counts and why not. */
export function approvalRecords(gate: ApprovalGate, ctx: GateContext): ApprovalRecord[] {
  const own = ctx.approvals.map((row) => ({ row, carried: false }));
  const carried = ctx.carriedApprovals.map((row) => ({ row, carried: true }));
  return [...carried, ...own].map(({ row, carried: isCarried }) => {
    const reason = whyNotCounted(gate, ctx, row, isCarried);
    const record: ApprovalRecord = {
      approver: row.approver,
      actor: row.actor,
      decision: row.decision,
      at: row.at,
      comment: row.comment,
      sha: row.sha,
      signer: row.signature.status === 'G' ? row.signature.signer : null,
      counts: reason === null,
    };
    if (reason && (row.decision === 'approved' || reason !== 'a rejection')) record.note = reason;
    else if (isCarried) record.note = 'given in an earlier promotion of this commit to this environment';
    return record;
  });
}

/** Why the current identity may not approve now, or null when it may. */
export function approveRefusal(gate: ApprovalGate, ctx: GateContext): string | null {
  const general = cannotActReason(ctx);
  if (general) return general;
  const email = ctx.actorEmail!;
  const policy = ineligibility(gate, ctx, email);
  if (policy) return policy;
  if (approvalRecords(gate, ctx).some((r) => r.counts && r.approver === email)) {
    return `${email} has already approved this promotion.`;
  }
  return null;
}

/** Why the current identity may not reject now, or null. Anyone listed may reject, even the release's creator. */
export function rejectRefusal(gate: ApprovalGate, ctx: GateContext): string | null {
  const general = cannotActReason(ctx);
  if (general) return general;
  const email = ctx.actorEmail!;
  return listed(gate, email) ? null : ineligibility(gate, ctx, email);
}

/** `required` distinct approvers from the list, bound to the commit, not lapsed; any rejection fails it. */
export const evaluateApproval: GateEvaluator<'approval'> = (gate, _position, ctx) => {
  const approvals = approvalRecords(gate, ctx);
  const refusal = approveRefusal(gate, ctx);
  const base = {
    kind: 'approval' as const,
    name: gate.name,
    approvals,
    canAct: refusal ? { allowed: false, reason: refusal } : { allowed: true },
  };
  // A rejection that would not count as a decision (unsigned where signing is required) stops nothing.
  const rejection = ctx.approvals.find(
    (row) => row.decision === 'rejected' && (!ctx.requireSigned || signatureProblem(row) === null),
  );
  if (rejection) {
    const comment = rejection.comment ? `: ${rejection.comment}` : '';
    return { ...base, state: 'failed', detail: `rejected by ${rejection.actor}${comment}` };
  }
  const approvers = [...new Set(approvals.filter((r) => r.counts).map((r) => r.approver))];
  const counted = `${approvers.length} of ${gate.required} approval${gate.required === 1 ? '' : 's'}`;
  if (approvers.length >= gate.required) {
    return { ...base, state: 'passed', detail: `${counted} (${approvers.join(', ')})` };
  }
  const missing = gate.required - approvers.length;
  const eligible = gate.approvers
    .map((a) => a.toLowerCase())
    .filter((a) => !approvers.includes(a) && ineligibility(gate, ctx, a) === null);
  const lapsed = approvals.filter((r) => r.note?.startsWith('lapsed')).length;
  const lapsedNote = lapsed > 0 ? ` (${lapsed} lapsed)` : '';
  const who = `${missing} more approver${missing === 1 ? '' : 's'}`;
  const detail =
    eligible.length >= missing
      ? `${counted}${lapsedNote} — waiting on ${who} (${missing === 1 ? orList(eligible) : eligible.join(', ')})`
      : `${counted}${lapsedNote} — cannot be met: ${who} needed but only ${eligible.length} eligible left`;
  return { ...base, state: 'waiting', detail };
};
