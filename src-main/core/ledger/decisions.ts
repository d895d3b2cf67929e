import type { Db } from '../store/database.js';
import { indexedEvents } from './ledger-index.js';
import type { IndexedEvent } from './ledger-index.js';
import type { SignatureVerdict } from './read.js';

/** An approval or rejection as the shared ledger holds it, with git's verdict on its signature. */
export interface LedgerDecision {
  commit: string;
  /** The promotion's public id, e.g. `v1.2.0@production#1`. */
  promotion: string;
  environment: string;
  approver: string;
  actor: string;
  decision: 'approved' | 'rejected';
  sha: string;
  at: string;
  comment: string | null;
  imported: boolean;
  signature: SignatureVerdict;
}

const DECISIONS = ['approval.given', 'approval.rejected'];

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A decision event's content, or null when it does not say who decided what for which commit. */
function toDecision(event: IndexedEvent): LedgerDecision | null {
  const { details } = event;
  const promotion = text(details.promotion);
  const approver = text(details.approver)?.toLowerCase() ?? null;
  const sha = text(details.sha);
  const decision = details.decision;
  if (!promotion || !approver || !sha || (decision !== 'approved' && decision !== 'rejected')) return null;
  return {
    commit: event.commit,
    promotion,
    environment: text(details.environment) ?? '',
    approver,
    actor: text(details.actor) ?? event.actor,
    decision,
    sha,
    at: text(details.at) ?? event.at,
    comment: text(details.comment),
    imported: event.imported,
    signature: event.signature,
  };
}

/** The decisions the ledger holds for one promotion (by public id), oldest first. */
export function ledgerDecisions(db: Db, root: string, promotion: string): LedgerDecision[] {
  return indexedEvents(db, root, DECISIONS, promotion)
    .map(toDecision)
    .filter((d): d is LedgerDecision => d !== null);
}

/** Approvals the ledger holds for one commit in one environment, in any promotion (a rollback reuses them). */
export function ledgerApprovalsForCommit(
  db: Db,
  root: string,
  environment: string,
  sha: string,
): LedgerDecision[] {
  return indexedEvents(db, root, ['approval.given'])
    .map(toDecision)
    .filter((d): d is LedgerDecision => d !== null && d.environment === environment && d.sha === sha);
}
