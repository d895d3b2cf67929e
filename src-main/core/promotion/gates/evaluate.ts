import type { GateKind, GatePolicy } from '../../../../shared/domain/policy.js';
import type { GateStatus } from '../../../../shared/domain/promotion.js';
import type { EnvironmentSnapshot } from '../snapshot.js';
import { approvalRecords, evaluateApproval } from './approval-gate.js';
import { evaluateCheck } from './check.js';
import { evaluateChecklist } from './checklist.js';
import type { GateContext } from './context.js';
import { evaluateSoak } from './soak.js';
import { evaluateWindowGate } from './window.js';

/**
 * What a rollback checks again when the policy does not say (`rollback.recheck`): the machine
 * gates. People already signed off this commit for this environment when it went live before.
 */
export const DEFAULT_ROLLBACK_RECHECK: GateKind[] = ['check', 'soak', 'window'];

function evaluateOne(gate: GatePolicy, position: number, ctx: GateContext): GateStatus {
  switch (gate.kind) {
    case 'check':
      return evaluateCheck(gate, position, ctx);
    case 'checklist':
      return evaluateChecklist(gate, position, ctx);
    case 'approval':
      return evaluateApproval(gate, position, ctx);
    case 'soak':
      return evaluateSoak(gate, position, ctx);
    case 'window':
      return evaluateWindowGate(gate, position, ctx);
  }
}

/** The situation a gate is evaluated for: the hotfix path, a rollback, or neither. */
export interface GatePath {
  fastTrack: boolean;
  rollback: boolean;
}

/**
 * Why this gate is skipped on this path, or null. The hotfix path never skips approvals,
 * whatever the policy says; a rollback skips what `rollback.recheck` leaves out.
 */
export function skipReason(gate: GatePolicy, snapshot: EnvironmentSnapshot, path: GatePath): string | null {
  const { environment } = snapshot;
  if (path.rollback) {
    const recheck = environment.rollbackRecheck ?? DEFAULT_ROLLBACK_RECHECK;
    if (!recheck.includes(gate.kind)) {
      return `not checked again on a rollback (rollback.recheck: ${recheck.join(', ') || 'none'})`;
    }
  }
  if (path.fastTrack && gate.kind !== 'approval' && environment.hotfixSkip.includes(gate.kind)) {
    return `skipped on the hotfix path (hotfix.skip: ${gate.kind})`;
  }
  return null;
}

export function isSkipped(gate: GatePolicy, snapshot: EnvironmentSnapshot, path: GatePath): boolean {
  return skipReason(gate, snapshot, path) !== null;
}

function skipped(gate: GatePolicy, reason: string, ctx: GateContext): GateStatus {
  const status: GateStatus = { kind: gate.kind, name: gate.name, state: 'skipped', detail: reason };
  // A skipped approval on a rollback still shows the approvals this commit had: they carry over.
  if (gate.kind === 'approval' && ctx.carriedApprovals.length > 0) {
    status.approvals = approvalRecords(gate, ctx).filter((record) => record.counts);
  }
  return status;
}

/** Every gate of the environment, in policy order, as it stands now. */
export function evaluateGates(snapshot: EnvironmentSnapshot, ctx: GateContext, path: GatePath): GateStatus[] {
  return snapshot.environment.gates.map((gate, position) => {
    const reason = skipReason(gate, snapshot, path);
    return reason === null ? evaluateOne(gate, position, ctx) : skipped(gate, reason, ctx);
  });
}
