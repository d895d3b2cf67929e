import type { LedgerStatus } from '../../../shared/domain/ledger.js';

/** The header's words for where the ledger stands against its remote. */
export function syncLabel(status: LedgerStatus): string {
  switch (status.state) {
    case 'in-sync':
      return 'In sync';
    case 'to-push':
      return `${status.toPush} to push`;
    case 'offline':
      return status.toPush > 0 ? `Offline: ${status.toPush} not yet shared` : 'Offline';
    case 'rejected':
      return 'Remote rejected';
  }
}
