import type { Core } from '../context.js';
import { adoptPromotions } from './adopt-promotions.js';
import { adoptTrainsAndHotfixes } from './adopt-work.js';
import { refreshLedgerIndex } from './ledger-index.js';
import { restoreStartPolicies } from './start-policies.js';
import type { FlushFailure } from './outbox.js';

/**
 * Writes this database's queued events into `root`'s ledger, then reads what the ledger gained
 * (from this clone or, after a sync, from others) into the index, and puts back the policy each
 * open promotion started with from its start event; trains and hotfixes are rebuilt from it. A
 * failed append is returned, not thrown: the events stay queued and the index still reflects the ledger.
 */
export async function refreshLocalLedger(
  core: Core,
  root: string,
  env: NodeJS.ProcessEnv = core.gitEnv,
): Promise<FlushFailure | null> {
  const [failure = null] = await core.ledger.flush(root, env);
  // An index edited where it counts is read again from the ledger there too.
  const added = await refreshLedgerIndex(core.db, root);
  if (added.length) await adoptPromotions(core.db, root, added);
  await restoreStartPolicies(core.db, root);
  await adoptTrainsAndHotfixes(core.db, root);
  return failure;
}
