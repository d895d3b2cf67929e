import type { Db } from '../store/database.js';
import { indexedEvents } from './ledger-index.js';
import { emailOf } from '../promotion/release.js';

/** A checklist tick as the shared ledger holds it. */
export interface LedgerTick {
  item: string;
  actor: string;
  note: string | null;
  at: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The ticks of one promotion (by public id) counted from the shared ledger, so a tick made in
 * another clone counts here after a sync. Where only signed decisions count, a tick counts only
 * when signed by its own actor's allowed key (an imported one never is). The first per item.
 */
export function ledgerTicks(db: Db, root: string, promotion: string, signedOnly: boolean): LedgerTick[] {
  const ticks = new Map<string, LedgerTick>();
  for (const event of indexedEvents(db, root, ['checklist.ticked'], promotion)) {
    const item = text(event.details.item);
    if (!item || ticks.has(item)) continue;
    if (signedOnly) {
      const { status, signer } = event.signature;
      if (event.imported || status !== 'G' || signer?.toLowerCase() !== emailOf(event.actor)) continue;
    }
    ticks.set(item, {
      item,
      actor: text(event.details.actor) ?? event.actor,
      note: text(event.details.note),
      at: text(event.details.at) ?? event.at,
    });
  }
  return [...ticks.values()];
}
