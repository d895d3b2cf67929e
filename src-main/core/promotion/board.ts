import type { Policy } from '../../../shared/domain/policy.js';
import type {
  EnvironmentColumn,
  OpenPromotion,
  PromotionBoard,
  ReleaseCandidate,
  WaitingItem,
} from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { gatesOf } from './detail.js';
import { pinnedRelease } from './due.js';
import { listReleases } from './release.js';
import type { Release } from './release.js';
import { rollbackTarget } from './rollback.js';
import { currentHash } from './snapshot.js';
import { promotionFinishesAt } from './time-finish.js';
import { repoSituation, requirePolicy } from './situation.js';
import type { RepoSituation } from './situation.js';
import {
  currentIn,
  hasSucceeded,
  incomingTo,
  isOpen,
  latestPromotion,
  openPromotions,
  publicId,
  toPromotion,
} from './store.js';
import type { PromotionRecord } from './store.js';
import type { RepositoryRef } from '../repository/repository-context.js';

/** The board lists this many releases; older ones can still be promoted by version. */
const BOARD_RELEASES = 100;

function candidate(core: Core, root: string, policy: Policy, release: Release): ReleaseCandidate {
  const environments = policy.environments.map((env) => ({
    name: env.name,
    state: latestPromotion(core.db, root, env.name, release.version)?.state ?? null,
  }));
  const liveIn = policy.environments
    .filter((env) => currentIn(core.db, root, env.name)?.sha === release.sha)
    .map((env) => env.name);
  let next: string | null = null;
  for (const [index, env] of policy.environments.entries()) {
    if (hasSucceeded(core.db, root, env.name, release.sha)) continue;
    const previous = policy.environments[index - 1];
    if (!previous || hasSucceeded(core.db, root, previous.name, release.sha)) next = env.name;
    break;
  }
  return { ...release, environments, liveIn, next };
}

async function candidates(core: Core, situation: RepoSituation): Promise<ReleaseCandidate[]> {
  const policy = requirePolicy(situation);
  const releases = (await listReleases(situation.root, situation.tagNaming)).slice(0, BOARD_RELEASES);
  return releases.map((release) => candidate(core, situation.root, policy, release));
}

export async function releaseCandidates(core: Core, dir: RepositoryRef): Promise<ReleaseCandidate[]> {
  return candidates(core, await repoSituation(core, dir));
}

/** An open promotion with how many of its gates have passed (skipped ones count as done). */
function withProgress(core: Core, situation: RepoSituation, promotion: PromotionRecord): OpenPromotion {
  const gates = gatesOf(
    core,
    { ...situation, release: pinnedRelease(promotion) },
    promotion.environment,
    promotion,
  );
  return {
    ...toPromotion(core.db, promotion, currentHash(situation.policy, promotion.environment)),
    gatesPassed: gates.filter((gate) => gate.state === 'passed' || gate.state === 'skipped').length,
    gatesTotal: gates.length,
    finishesAt: promotionFinishesAt(promotion.state, gates),
  };
}

function columns(core: Core, situation: RepoSituation): EnvironmentColumn[] {
  const policy = requirePolicy(situation);
  return policy.environments.map((env) => {
    const { current, previous } = rollbackTarget(core.db, situation.root, env.name);
    const open = incomingTo(core.db, situation.root, env.name).map((row) =>
      withProgress(core, situation, row),
    );
    return {
      name: env.name,
      current: current
        ? {
            version: current.version,
            tag: current.tag,
            sha: current.sha,
            promotedAt: current.finishedAt ?? current.startedAt,
            promotionId: publicId(current),
          }
        : null,
      incoming: open[0] ?? null,
      open,
      rollbackTo: previous ? { version: previous.version, tag: previous.tag } : null,
    };
  });
}

/** Each environment in order with the release live there and the one on its way in (`env list`). */
export async function environmentColumns(core: Core, dir: RepositoryRef): Promise<EnvironmentColumn[]> {
  return columns(core, await repoSituation(core, dir));
}

/** One column per environment and the releases that can be promoted. */
export async function promotionBoard(core: Core, dir: RepositoryRef): Promise<PromotionBoard> {
  const situation = await repoSituation(core, dir);
  return { environments: columns(core, situation), releases: await candidates(core, situation) };
}

/** Open promotions where the current identity may approve or tick something now. */
export async function waitingForMe(core: Core, dir: RepositoryRef): Promise<WaitingItem[]> {
  const situation = await repoSituation(core, dir);
  if (!situation.actor) return [];
  const releases = new Map(
    (await listReleases(situation.root, situation.tagNaming)).map((r) => [r.version, r]),
  );
  const items: WaitingItem[] = [];
  for (const promotion of openPromotions(core.db, situation.root)) {
    const release = releases.get(promotion.version);
    if (!release || !isOpen(promotion)) continue;
    const gates = gatesOf(core, { ...situation, release }, promotion.environment, promotion);
    for (const gate of gates) {
      if (gate.state !== 'waiting' || !gate.canAct?.allowed) continue;
      if (gate.kind !== 'approval' && gate.kind !== 'checklist') continue;
      items.push({
        promotionId: publicId(promotion),
        version: promotion.version,
        environment: promotion.environment,
        kind: gate.kind,
        gate: gate.name,
        detail: gate.detail,
      });
    }
  }
  return items;
}
