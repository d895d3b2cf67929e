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

/** Which audit events to show: every field narrows the list; none means all, newest first. */
export interface AuditQuery {
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
  /** Return the page holding this event (its seq) instead of the one at `offset`. */
  around?: number;
  /** Also list the values the filters can choose from (a scan of the log; default true). */
  facets?: boolean;
}

/** One page of the filtered events, with what the filters can choose from. */
export interface AuditPage {
  events: AuditEvent[];
  /** Matching events in all pages. */
  total: number;
  offset: number;
  limit: number;
  /** Values present in the log (for the repository, when one is given), for the filter menus; null when not asked for. */
  facets: AuditFacets | null;
}

export interface AuditFacets {
  actions: string[];
  actors: string[];
  environments: string[];
}
