/** What `sync` did: events fetched from and pushed to the remote's ledger, and the ledger's head after. */
export interface LedgerSyncResult {
  remote: string;
  fetched: number;
  pushed: number;
  head: string;
}

/** `audit verify`'s findings about the shared ledger, beside the local chain's. */
export interface LedgerVerification {
  ok: boolean;
  /** Events in the local ledger. */
  events: number;
  head: string | null;
  /** Each problem as one sentence naming the event (commit and action) it concerns. */
  problems: string[];
  /** The remote compared against, or null when none was reachable (`unreachable` says why). */
  remote: string | null;
  unreachable?: string;
}
