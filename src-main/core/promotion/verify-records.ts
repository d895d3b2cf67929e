import type { AuditVerification } from '../../../shared/domain/audit.js';
import { canonicalJson } from '../audit/canonical-json.js';
import type { Core } from '../context.js';
import type { Db } from '../store/database.js';
import { approvalContent, tickContent } from './approvals.js';
import { allDecisions, allTicks, auditEventAt, promotionEventsOf } from './record-store.js';
import { promotionById } from './store.js';

type RecordProblem = { seq: number; reason: string } | null;

/**
 * Approvals and checklist ticks live in their own tables for fast reads, but each one's content
 * was written into its audit event in the same transaction. The chain proves the events are
 * intact; this proves every row still says what its event says, and that no event lost its row.
 */
function crossCheck<R extends { id: number; promotionId: number; auditSeq: number }>(
  db: Db,
  what: string,
  rows: R[],
  actions: string[],
  content: (row: R) => Record<string, unknown> | null,
): RecordProblem {
  for (const row of rows) {
    const found = auditEventAt(db, row.auditSeq);
    if (!found || !actions.includes(found.action)) {
      return {
        seq: row.auditSeq,
        reason: `${what} ${row.id} has no audit event of its own (event ${row.auditSeq})`,
      };
    }
    const expected = content(row);
    let recorded: unknown;
    try {
      recorded = JSON.parse(found.details);
    } catch {
      recorded = null;
    }
    if (!expected || canonicalJson(expected) !== canonicalJson(recorded)) {
      return {
        seq: found.seq,
        reason: `${what} ${row.id} was modified: it no longer matches audit event ${found.seq}`,
      };
    }
  }
  const recordedSeqs = new Set(rows.map((row) => row.auditSeq));
  // Other features may use the same action names (a train's go/no-go approvals): only promotion events have rows here.
  const events = promotionEventsOf(db, actions);
  const orphan = events.find((e) => !recordedSeqs.has(e.seq));
  return orphan
    ? { seq: orphan.seq, reason: `the ${what} recorded by audit event ${orphan.seq} is missing` }
    : null;
}

export function verifyPromotionRecords(db: Db): RecordProblem {
  const approvals = allDecisions(db);
  const ticks = allTicks(db);
  const promotionOf = (id: number) => promotionById(db, id);
  return (
    crossCheck(db, 'approval', approvals, ['approval.given', 'approval.rejected'], (row) => {
      const promotion = promotionOf(row.promotionId);
      return promotion ? approvalContent(row, promotion) : null;
    }) ??
    crossCheck(db, 'checklist tick', ticks, ['checklist.ticked'], (row) => {
      const promotion = promotionOf(row.promotionId);
      return promotion ? tickContent(row, promotion) : null;
    })
  );
}

/** `audit verify`: the hash chain, then the promotion records that must match their events. */
export function verifyAuditTrail(core: Core): AuditVerification {
  const chain = core.audit.verify();
  if (!chain.ok) return chain;
  const problem = verifyPromotionRecords(core.db);
  return problem ? { ok: false, events: chain.events, brokenAt: problem.seq, reason: problem.reason } : chain;
}
