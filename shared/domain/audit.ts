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

export type AuditVerification =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };
