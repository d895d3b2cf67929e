import semver from 'semver';
import type { GateStatus, PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { gateContext } from './gate-context.js';
import { withDecisionSigners } from '../ledger/signers.js';
import { evaluateGates } from './gates/evaluate.js';
import { gateRows } from './record-store.js';
import { isAlive } from './shell.js';
import { latestRuns, runningRuns, toCommandRun } from './run-store.js';
import { environmentSnapshot, currentHash } from './snapshot.js';
import type { EnvironmentSnapshot } from './snapshot.js';
import { requirePolicy } from './situation.js';
import { promotionFinishesAt } from './time-finish.js';
import type { ReleaseSituation } from './situation.js';
import { currentIn, hasSucceeded, isOpen, latestPromotion, publicId, toPromotion } from './store.js';
import type { PromotionRecord } from './store.js';

/** A started promotion keeps its own policy; before that, the repository's current one applies. */
export function snapshotFor(
  situation: ReleaseSituation,
  environment: string,
  promotion: PromotionRecord | null,
): EnvironmentSnapshot {
  return promotion ? promotion.snapshot : environmentSnapshot(requirePolicy(situation), environment);
}

/**
 * The gates as they stand. A finished promotion shows each gate as it was recorded when it
 * ended (an approval that lapses afterwards did not stop it), with its approvals and output.
 */
export function gatesOf(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  promotion: PromotionRecord | null,
): GateStatus[] {
  const snapshot = snapshotFor(situation, environment, promotion);
  const path = promotion
    ? { fastTrack: promotion.fastTrack, rollback: promotion.rollback }
    : { fastTrack: situation.release.fastTrack, rollback: false };
  const gates = evaluateGates(snapshot, gateContext(core, situation, snapshot, promotion), path);
  if (!promotion || isOpen(promotion)) return gates;
  const recorded = gateRows(core.db, promotion.id);
  return gates.map((gate, position) => {
    const row = recorded.get(position);
    // A gate recorded as waiting on a promotion that succeeded was recorded here before another
    // clone finished it (the ledger brought the outcome): that row is stale, not how it ended.
    const stale = row?.state === 'waiting' && promotion.state === 'succeeded';
    return row && !stale ? { ...gate, state: row.state, detail: row.detail } : gate;
  });
}

/** The release live in the environment when this one is older: promoting it is a downgrade. */
export function downgradeFrom(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
): PromotionRecord | null {
  const live = currentIn(core.db, situation.root, environment);
  return live && semver.lt(situation.release.version, live.version) ? live : null;
}

/** The reason recorded when this promotion started as a downgrade, if it did. */
function recordedDowngrade(core: Core, promotion: PromotionRecord): { from: string; reason: string } | null {
  const started = core.audit
    .forSubject(promotion.repo, publicId(promotion))
    .find((event) => event.action === 'promotion.started' && event.subject === publicId(promotion));
  const downgrade = started?.details.downgrade as { from?: unknown; reason?: unknown } | undefined;
  return typeof downgrade?.from === 'string' && typeof downgrade.reason === 'string'
    ? { from: downgrade.from, reason: downgrade.reason }
    : null;
}

/**
 * Why Promote cannot start or resume this release into this environment now, or null. A new
 * promotion needs the release to have succeeded in the environment before (hotfixes too).
 */
export function promoteRefusal(
  core: Core,
  situation: ReleaseSituation,
  environment: string,
  latest: PromotionRecord | undefined,
  options: { rollback?: boolean } = {},
): string | null {
  if (!situation.actor) return 'Git has no committer identity: set user.name and user.email.';
  const { release } = situation;
  if (latest && isOpen(latest)) {
    const running = runningRuns(core.db, latest.id);
    if (running.some((r) => r.ownerPid === process.pid || isAlive(r.ownerPid))) {
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
  const pending = latest && isOpen(latest) ? null : downgradeFrom(core, situation, environment);
  const gates = gatesOf(core, situation, environment, latest);
  return withDecisionSigners(core.db, situation.root, {
    version: situation.release.version,
    tag: situation.release.tag,
    sha: situation.release.sha,
    environment,
    promotion: latest ? toPromotion(core.db, latest, currentHash(situation.policy, environment)) : null,
    gates,
    finishesAt: promotionFinishesAt(latest?.state, gates),
    deploy: deploy ? toCommandRun(deploy) : null,
    canPromote: refusal ? { allowed: false, reason: refusal } : { allowed: true },
    actor: situation.actor,
    downgrade:
      (latest && recordedDowngrade(core, latest)) ?? (pending ? { from: pending.tag, reason: null } : null),
    ...(situation.policyNote ? { policyNote: situation.policyNote } : {}),
  });
}
