import type { ledgerChannels } from '../../../shared/api/ledger.js';
import { syncLedger } from '../../core/ledger/sync.js';
import { ledgerAuditList } from '../../core/ledger/ledger-audit.js';
import { ledgerStatus } from '../../core/ledger/sync-status.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

export const ledgerHandlers: HandlerGroup<keyof typeof ledgerChannels> = {
  'ledger.sync': async ({ path, remote }, { core }) =>
    syncLedger(core, await repositoryOf(core, path), remote),
  'ledger.status': async ({ path }, { core }) => ledgerStatus(core, await repositoryOf(core, path)),
  'ledger.audit': async ({ path, limit }, { core }) =>
    ledgerAuditList(core, await repositoryOf(core, path), limit),
};
