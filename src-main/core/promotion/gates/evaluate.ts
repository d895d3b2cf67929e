import type { GatePolicy } from '../../../../shared/domain/policy.js';
import type { GateStatus } from '../../../../shared/domain/promotion.js';
import type { EnvironmentSnapshot } from '../snapshot.js';
import { evaluateApproval } from './approval.js';
import { evaluateCheck } from './check.js';
import { evaluateChecklist } from './checklist.js';
import type { GateContext } from './context.js';
import { evaluateSoak } from './soak.js';
import { evaluateWindowGate } from './window.js';

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

/** Whether the hotfix path skips this gate here. Approvals are never skipped, whatever the policy says. */
export function isSkipped(gate: GatePolicy, snapshot: EnvironmentSnapshot, fastTrack: boolean): boolean {
  return fastTrack && gate.kind !== 'approval' && snapshot.environment.hotfixSkip.includes(gate.kind);
}

/** Every gate of the environment, in policy order, as it stands now. */
export function evaluateGates(
  snapshot: EnvironmentSnapshot,
  ctx: GateContext,
  fastTrack: boolean,
): GateStatus[] {
  return snapshot.environment.gates.map((gate, position) =>
    isSkipped(gate, snapshot, fastTrack)
      ? {
          kind: gate.kind,
          name: gate.name,
          state: 'skipped',
          detail: `skipped on the hotfix path (hotfix.skip: ${gate.kind})`,
        }
      : evaluateOne(gate, position, ctx),
  );
}
