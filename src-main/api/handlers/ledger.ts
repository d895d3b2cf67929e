import type { ledgerChannels } from '../../../shared/api/ledger.js';
import { syncLedger } from '../../core/ledger/sync.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

export const ledgerHandlers: HandlerGroup<keyof typeof ledgerChannels> = {
  'ledger.sync': async ({ path, remote }, { core }) =>
    syncLedger(core, await repositoryOf(core, path), remote),
};
