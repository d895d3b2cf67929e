import type { GateStatus, PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { requireSigned } from '../ledger/allowed-signers.js';
import { ledgerApprovalsForCommit, ledgerDecisions } from '../ledger/decisions.js';
import type { GateContext } from './gates/context.js';
import { evaluateGates } from './gates/evaluate.js';
import { isAlive } from './shell.js';
import { environmentSnapshot, currentHash } from './snapshot.js';
import type { EnvironmentSnapshot } from './snapshot.js';
import { requirePolicy } from './situation.js';
import type { ReleaseSituation } from './situation.js';
import {
  currentIn,
  gateRows,
  hasSucceeded,
  isOpen,
  latestPromotion,
  latestRuns,
  publicId,
  snapshotOf,
  ticksFor,
  toCommandRun,
  toPromotion,
} from './store.js';
import type { PromotionRow, RunRow } from './store.js';

export function gateContext(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  promotion: PromotionRow | null,
): GateContext {
  const runs = promotion ? latestRuns(core.db, promotion.id).checks : new Map<number, RunRow>();
  // Decisions are counted from the shared ledger's index, not from this database's own rows.
  const carried =
    promotion?.is_rollback === 1
      ? ledgerApprovalsForCommit(core.db, situation.root, environment, promotion.sha).filter(
          (row) => row.promotion !== publicId(promotion),
        )
      : [];
  return {
    db: core.db,
    now: core.now(),
    repo: situation.root,
    environment,
    release: {
      sha: situation.release.sha,
      createdBy: promotion ? promotion.release_creator : situation.release.createdBy,
    },
    promotion,
    actorEmail: situation.actorEmail,
    checkRuns: runs,
    ticks: promotion ? ticksFor(core.db, promotion.id) : [],
    approvals: promotion ? ledgerDecisions(core.db, situation.root, publicId(promotion)) : [],
    carriedApprovals: carried,
    requireSigned: requireSigned(situation.policy, situation.root),
  };
}

/** A started promotion keeps its own policy; before that, the repository's current one applies. */
export function snapshotFor(
  situation: ReleaseSituation,
  environment: string,
  promotion: PromotionRow | null,
): EnvironmentSnapshot {
  return promotion ? snapshotOf(promotion) : environmentSnapshot(requirePolicy(situation), environment);
}

/**
 * The gates as they stand. A finished promotion shows each gate as it was recorded when it
 * ended (an approval that lapses afterwards did not stop it), with its approvals and output.
 */
export function gatesOf(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  promotion: PromotionRow | null,
): GateStatus[] {
  const fastTrack = promotion ? promotion.fast_track === 1 : situation.release.fastTrack;
  const ctx = gateContext(core, situation, environment, promotion);
  const gates = evaluateGates(snapshotFor(situation, environment, promotion), ctx, fastTrack);
  if (!promotion || isOpen(promotion)) return gates;
  const recorded = gateRows(core.db, promotion.id);
  return gates.map((gate, position) => {
    const row = recorded.get(position);
    return row ? { ...gate, state: row.state, detail: row.detail } : gate;
  });
}

/**
 * Why Promote cannot start or resume this release into this environment now, or null. A new
 * promotion needs the release to have succeeded in the environment before (hotfixes too).
 */
export function promoteRefusal(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  latest: PromotionRow | undefined,
  options: { rollback?: boolean } = {},
): string | null {
  if (!situation.actor) return 'Git has no committer identity: set user.name and user.email.';
  const { release } = situation;
  if (latest && isOpen(latest)) {
    const running = core.db
      .prepare(`SELECT owner_pid FROM command_runs WHERE promotion_id = ? AND state = 'running'`)
      .all(latest.id) as { owner_pid: number }[];
    if (running.some((r) => r.owner_pid === process.pid || isAlive(r.owner_pid))) {
      return 'A command of this promotion is running now.';
    }
    return null;
  }
  if (!situation.policy) return situation.policyError!.message;
  const snapshot = environmentSnapshot(situation.policy, environment);
  if (
    !options.rollback &&
    snapshot.previous &&
    !hasSucceeded(core.db, situation.root, snapshot.previous, release.sha)
  ) {
    return `${release.tag} has not succeeded in ${snapshot.previous} yet: promote it there first.`;
  }
  if (currentIn(core.db, situation.root, environment)?.sha === release.sha) {
    return `${release.tag} is already live in ${environment}.`;
  }
  return null;
}

/** Everything the promotion page shows, for the current identity. */
export function promotionDetail(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
): PromotionDetail {
  const latest = latestPromotion(core.db, situation.root, environment, situation.release.version) ?? null;
  const refusal = promoteRefusal(core, situation, environment, latest ?? undefined);
  const deploy = latest ? latestRuns(core.db, latest.id).deploy : null;
  return {
    version: situation.release.version,
    tag: situation.release.tag,
    sha: situation.release.sha,
    environment,
    promotion: latest ? toPromotion(core.db, latest, currentHash(situation.policy, environment)) : null,
    gates: gatesOf(core, situation, environment, latest),
    deploy: deploy ? toCommandRun(deploy) : null,
    canPromote: refusal ? { allowed: false, reason: refusal } : { allowed: true },
    actor: situation.actor,
  };
}
