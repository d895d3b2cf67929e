import type { GateState } from '../../../shared/domain/promotion.js';
import type { Db } from '../store/database.js';

/** The `approvals` table as SQLite returns it. */
interface ApprovalRow {
  id: number;
  promotion_id: number;
  repo: string;
  environment: string;
  approver: string;
  actor: string;
  decision: 'approved' | 'rejected';
  sha: string;
  at: string;
  comment: string | null;
  audit_seq: number;
}

/** The `checklist_ticks` table as SQLite returns it. */
interface TickRow {
  id: number;
  promotion_id: number;
  item: string;
  actor: string;
  note: string | null;
  at: string;
  audit_seq: number;
}

/** An approval or rejection as this database keeps it, next to the audit event that holds the same content. */
export interface StoredDecision {
  id: number;
  promotionId: number;
  repo: string;
  environment: string;
  approver: string;
  actor: string;
  decision: 'approved' | 'rejected';
  sha: string;
  at: string;
  comment: string | null;
  auditSeq: number;
}

/** A ticked checklist item: who, when, their note, and the audit event that holds the same content. */
export interface StoredTick {
  id: number;
  promotionId: number;
  item: string;
  actor: string;
  note: string | null;
  at: string;
  auditSeq: number;
}

/** A gate's state as last recorded (a finished promotion shows its gates as they were). */
export interface StoredGate {
  position: number;
  kind: string;
  name: string;
  state: GateState;
  detail: string;
}

const toDecision = (row: ApprovalRow): StoredDecision => ({
  id: row.id,
  promotionId: row.promotion_id,
  repo: row.repo,
  environment: row.environment,
  approver: row.approver,
  actor: row.actor,
  decision: row.decision,
  sha: row.sha,
  at: row.at,
  comment: row.comment,
  auditSeq: row.audit_seq,
});

const toTick = (row: TickRow): StoredTick => ({
  id: row.id,
  promotionId: row.promotion_id,
  item: row.item,
  actor: row.actor,
  note: row.note,
  at: row.at,
  auditSeq: row.audit_seq,
});

export function ticksFor(db: Db, promotionId: number): StoredTick[] {
  return (
    db
      .prepare('SELECT * FROM checklist_ticks WHERE promotion_id = ? ORDER BY id')
      .all(promotionId) as TickRow[]
  ).map(toTick);
}

export function allTicks(db: Db): StoredTick[] {
  return (db.prepare('SELECT * FROM checklist_ticks ORDER BY id').all() as TickRow[]).map(toTick);
}

export function allDecisions(db: Db): StoredDecision[] {
  return (db.prepare('SELECT * FROM approvals ORDER BY id').all() as ApprovalRow[]).map(toDecision);
}

export function insertTick(db: Db, tick: Omit<StoredTick, 'id'>): void {
  db.prepare(
    `INSERT INTO checklist_ticks (promotion_id, item, actor, note, at, audit_seq)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(tick.promotionId, tick.item, tick.actor, tick.note, tick.at, tick.auditSeq);
}

export function insertDecision(db: Db, decision: Omit<StoredDecision, 'id'>): void {
  db.prepare(
    `INSERT INTO approvals (promotion_id, repo, environment, approver, actor, decision, sha, at, comment, audit_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    decision.promotionId,
    decision.repo,
    decision.environment,
    decision.approver,
    decision.actor,
    decision.decision,
    decision.sha,
    decision.at,
    decision.comment,
    decision.auditSeq,
  );
}

export function gateRows(db: Db, promotionId: number): Map<number, StoredGate> {
  const rows = db
    .prepare('SELECT position, kind, name, state, detail FROM promotion_gates WHERE promotion_id = ?')
    .all(promotionId) as StoredGate[];
  return new Map(rows.map((row) => [row.position, row]));
}

export function saveGate(db: Db, promotionId: number, gate: StoredGate, at: string): void {
  db.prepare(
    `INSERT INTO promotion_gates (promotion_id, position, kind, name, state, detail, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (promotion_id, position)
     DO UPDATE SET state = excluded.state, detail = excluded.detail, updated_at = excluded.updated_at`,
  ).run(promotionId, gate.position, gate.kind, gate.name, gate.state, gate.detail, at);
}

/** An audit event's action and details, by sequence number (to cross-check a record against it). */
export function auditEventAt(
  db: Db,
  seq: number,
): { seq: number; action: string; details: string } | undefined {
  return db.prepare('SELECT seq, action, details FROM audit_events WHERE seq = ?').get(seq) as
    { seq: number; action: string; details: string } | undefined;
}

/** Audit events of these actions that name a promotion (other features reuse some action names). */
export function promotionEventsOf(
  db: Db,
  actions: string[],
): { seq: number; action: string; details: string }[] {
  const placeholders = actions.map(() => '?').join(', ');
  return db
    .prepare(
      `SELECT seq, action, details FROM audit_events
       WHERE action IN (${placeholders}) AND json_valid(details) AND json_extract(details, '$.promotion') IS NOT NULL`,
    )
    .all(...actions) as { seq: number; action: string; details: string }[];
}
