/** What `sync` did: events fetched from and pushed to the remote's ledger, and the ledger's head after. */
export interface LedgerSyncResult {
  remote: string;
  fetched: number;
  pushed: number;
  head: string;
}

/**
 * Where this clone's ledger stands against its remote: `in-sync` (nothing to push), `to-push`
 * (events not yet shared), `offline` (no remote, or it could not be reached: the ledger works
 * locally) or `rejected` (the remote refused the push, e.g. a hook or permissions).
 */
export type LedgerSyncState = 'in-sync' | 'to-push' | 'offline' | 'rejected';

export interface LedgerStatus {
  state: LedgerSyncState;
  /** The remote shared through, null when the repository has none. */
  remote: string | null;
  /** Events here (in the ledger or still queued) that the remote did not hold at the last sync. */
  toPush: number;
  /** When this app last synced successfully, ISO 8601; null when it has not yet. */
  syncedAt: string | null;
  /** Why it is offline or rejected, in git's words. */
  message: string | null;
  /** Whether decisions must be signed here, and whether git has a signing key set up for it. */
  signing: { required: boolean; configured: boolean };
}

/** `audit verify`'s findings about the shared ledger, beside the local chain's. */
export interface LedgerVerification {
  ok: boolean;
  /** Events in the local ledger. */
  events: number;
  head: string | null;
  /** Each problem as one sentence naming the event (commit and action) it concerns. */
  problems: string[];
  /** The ledger commit of the first problem about an event this ledger holds (the one the Audit screen marks). */
  brokenAt: string | null;
  /** The remote compared against, or null when none was reachable (`unreachable` says why). */
  remote: string | null;
  unreachable?: string;
}
