import type { LedgerVerification } from './ledger.js';

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  repo: string | null;
  subject: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditVerification = (
  { ok: true; events: number; head: string } | { ok: false; events: number; brokenAt: number; reason: string }
) & {
  /** The repository's shared ledger, when one was named. */
  ledger?: LedgerVerification;
};

/**
 * Where a listed event lives: `ledger` (the repository's shared ledger: everyone's, once synced),
 * `pending` (recorded here, queued for the ledger, not yet shared) or `local` (only in this
 * machine's log: a repository's opening, which is never shared, or any event of this machine's
 * log when no repository is asked for).
 */
export type AuditSource = 'ledger' | 'pending' | 'local';

/** One event as the Audit screen and `audit list` show it, whichever log holds it. */
export interface AuditRecord extends Omit<AuditEvent, 'hash' | 'prevHash'> {
  /** Its identity in the list: the ledger commit, or `local-SEQ` for an event of this machine's log. */
  id: string;
  /**
   * Its place: in the ledger's order (time, then commit hash; 1 the oldest, the same in every
   * synced clone) for a ledger event, this machine's chain position for a local one.
   */
  seq: number;
  source: AuditSource;
  /** The ledger commit holding it; null while it is only local. */
  commit: string | null;
  /** A decision people sign (approval, rejection, tick, window override, go/no-go). */
  decision: boolean;
  /** Copied once from a database from before the ledger (then never signed). */
  imported: boolean;
  /** git's verdict on the ledger commit's signature (%G?: G good and allowed, N unsigned, U unknown key, B bad, …); null when local. */
  signature: string | null;
  /** The allowed signer of a good signature, null otherwise. */
  signer: string | null;
  /** This machine's hash chain, for a local event; null for a ledger one (its commit is its hash). */
  hash: string | null;
  prevHash: string | null;
}

/** Which audit events to show: every field narrows the list; none means all, newest first. */
export interface AuditQuery {
  /**
   * The repository (its working tree's top level). Through `audit.list`: its shared ledger and
   * the events of it only this machine holds; without it, this machine's whole log.
   */
  repo?: string;
  action?: string;
  /** The acting person, as recorded (`Name <email>`). */
  actor?: string;
  /** A tag (`v1.2.0`) or version (`1.2.0`): events about that release, its promotions included. */
  release?: string;
  environment?: string;
  /** Words found anywhere in the action, person, subject or details. */
  search?: string;
  /** Actions left out (e.g. `repository.opened`, which is most of the log and rarely wanted). */
  excludeActions?: string[];
  offset?: number;
  limit?: number;
  /** Return the page holding this event (its `id`) instead of the one at `offset`. */
  around?: string;
  /** Also list the values the filters can choose from (a scan of the log; default true). */
  facets?: boolean;
}

/** One page of the filtered events, with what the filters can choose from. */
export interface AuditPage {
  events: AuditRecord[];
  /** Matching events in all pages. */
  total: number;
  offset: number;
  limit: number;
  /** Values present in the log (for the repository, when one is given), for the filter menus; null when not asked for. */
  facets: AuditFacets | null;
  /** For a repository: its events recorded here that git has not taken into the ledger yet, and why. */
  pending: { events: number; error: string | null } | null;
}

export interface AuditFacets {
  actions: string[];
  actors: string[];
  environments: string[];
}
