import type { LedgerStatus } from '../../../shared/domain/ledger.js';

/**
 * The header's words for where the ledger stands against its remote: `lead` always shown, `more`
 * only where the header has room (always read by screen readers). Together they are the label.
 */
export function syncLabel(status: LedgerStatus): { lead: string; more: string } {
  switch (status.state) {
    case 'in-sync':
      return { lead: 'In sync', more: '' };
    case 'to-push':
      return { lead: `${status.toPush} to push`, more: '' };
    case 'offline':
      return status.toPush > 0
        ? { lead: `Offline: ${status.toPush}`, more: ' not yet shared' }
        : { lead: 'Offline', more: '' };
    case 'rejected':
      return { lead: 'Remote rejected', more: '' };
  }
}
