import type { AuditEvent } from '../../../shared/domain/audit.js';

/** An audit event as stored in SQLite. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  repo: string | null;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** Reading must survive a damaged row (verify names it; the list still has to show it). */
export function readDetails(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return { unreadable: text };
  } catch {
    return { unreadable: text };
  }
}

export function toEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    repo: row.repo,
    subject: row.subject,
    details: readDetails(row.details),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
