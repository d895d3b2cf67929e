import type { ledgerChannels } from '../../../shared/api/ledger.js';
import { syncLedger } from '../../core/ledger/sync.js';
import { ledgerStatus } from '../../core/ledger/sync-status.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

export const ledgerHandlers: HandlerGroup<keyof typeof ledgerChannels> = {
  'ledger.sync': async ({ path, remote }, { core }) =>
    syncLedger(core, await repositoryOf(core, path), remote),
  'ledger.status': async ({ path }, { core }) => ledgerStatus(core, await repositoryOf(core, path)),
};
