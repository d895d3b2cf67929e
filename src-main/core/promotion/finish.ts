import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Core } from '../context.js';
import { promote } from './promote.js';
import { promotionById } from './store.js';
import type { PromotionRecord } from './store.js';
import type { RepositoryRef } from '../repository/repository-context.js';

/** "All gates passed — deployed v2.1.0 to staging", or what stopped it, for an action that finished a promotion. */
export function finishedMessage(detail: PromotionDetail): string | undefined {
  const where = `${detail.tag} to ${detail.environment}`;
  const state = detail.promotion?.state;
  if (state === 'succeeded') {
    return detail.deploy
      ? `All gates passed — deployed ${where}.`
      : `All gates passed — ${detail.tag} is live in ${detail.environment} (signed off: no deploy command).`;
  }
  if (state === 'failed')
    return `All gates passed, but promoting ${where} failed: ${detail.promotion?.failure ?? ''}`;
  if (detail.deploy?.state === 'interrupted')
    return `All gates passed; the deploy of ${where} was interrupted.`;
  return undefined;
}

/**
 * Finishes an open promotion whose gates have all passed (or are skipped): runs its deploy
 * per policy, as `promote` would, and says so. Null when a gate still waits or failed.
 */
export async function finishIfReady(
  core: Core,
  dir: RepositoryRef,
  promotion: PromotionRecord,
  gates: { state: string }[],
): Promise<PromotionDetail | null> {
  if (!gates.every((gate) => gate.state === 'passed' || gate.state === 'skipped')) return null;
  // Another process is running this promotion's deploy right now: that run finishes it.
  if (promotionById(core.db, promotion.id)?.state !== 'pending') return null;
  const detail = await promote(core, dir, promotion.version, promotion.environment);
  const finished = finishedMessage(detail);
  return finished ? { ...detail, finished } : detail;
}
