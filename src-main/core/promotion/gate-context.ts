import type { Core } from '../context.js';
import { requireSigned } from '../ledger/allowed-signers.js';
import { ledgerApprovalsForCommit, ledgerDecisions } from '../ledger/decisions.js';
import type { Db } from '../store/database.js';
import type { GateContext, LiveStretch } from './gates/context.js';
import { ledgerTicks } from '../ledger/ticks.js';
import { latestRuns } from './run-store.js';
import type { RunRecord } from './run-store.js';
import type { EnvironmentSnapshot } from './snapshot.js';
import type { ReleaseSituation } from './situation.js';
import { deploymentsIn, publicId } from './store.js';
import type { PromotionRecord } from './store.js';

/** When the commit was live in the environment: from a deploy of it until another release's deploy there. */
export function liveStretches(db: Db, repo: string, environment: string, sha: string): LiveStretch[] {
  const stretches: LiveStretch[] = [];
  let open: LiveStretch | null = null;
  for (const deployment of deploymentsIn(db, repo, environment)) {
    if (deployment.sha === sha) {
      // Deploying the live commit again continues its stretch.
      if (!open) stretches.push((open = { from: deployment.finishedAt!, until: null, replacedBy: null }));
    } else if (open) {
      open.until = deployment.finishedAt;
      open.replacedBy = deployment.tag;
      open = null;
    }
  }
  return stretches;
}

/** Reads what the gates of this promotion (or preview) need, once, before they are evaluated. */
export function gateContext(
  core: Core,
  situation: ReleaseSituation,
  snapshot: EnvironmentSnapshot,
  promotion: PromotionRecord | null,
): GateContext {
  const { root } = situation;
  const environment = snapshot.environment.name;
  const sha = promotion?.sha ?? situation.release.sha;
  const runs = promotion ? latestRuns(core.db, promotion.id).checks : new Map<number, RunRecord>();
  const signedOnly = requireSigned(situation.policy, root);
  // Decisions are counted from the shared ledger's index, not from this database's own rows.
  const carried = promotion?.rollback
    ? ledgerApprovalsForCommit(core.db, root, environment, promotion.sha).filter(
        (row) => row.promotion !== publicId(promotion),
      )
    : [];
  const liveIn: GateContext['liveIn'] = {};
  for (const gate of snapshot.environment.gates) {
    if (gate.kind === 'soak') liveIn[gate.in] = liveStretches(core.db, root, gate.in, sha);
  }
  return {
    now: core.now(),
    environment,
    release: {
      sha: situation.release.sha,
      createdBy: promotion ? promotion.releaseCreator : situation.release.createdBy,
    },
    promotion,
    actorEmail: situation.actorEmail,
    checkRuns: runs,
    // Ticks count from the shared ledger too: one made in another clone counts after a sync.
    ticks: promotion ? ledgerTicks(core.db, root, publicId(promotion), signedOnly) : [],
    approvals: promotion ? ledgerDecisions(core.db, root, publicId(promotion)) : [],
    carriedApprovals: carried,
    requireSigned: signedOnly,
    liveIn,
  };
}
