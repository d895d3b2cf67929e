import { canonicalJson } from '../audit/canonical-json.js';

/** One entry of the shared ledger: what happened, by whom, when; the commit holding it is its identity. */
export interface LedgerEvent {
  v: 1;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  /** The local audit event this came from (its seq and chain hash in the writer's database). */
  local: { seq: number; hash: string } | null;
  /** True for events written before the ledger existed, copied once from a local database. */
  imported: boolean;
}

const HEADER = 'release-desk event';

/** The commit message: a readable first line, then the event as canonical JSON (what is read back). */
export function encodeEvent(event: LedgerEvent): string {
  const title = `${HEADER}: ${event.action}${event.subject ? ` ${event.subject}` : ''}`.replace(/\n/g, ' ');
  return `${title}\n\n${canonicalJson(event)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event a commit message holds, or null for other commits (merges) and unreadable ones. */
export function decodeEvent(message: string): LedgerEvent | null {
  if (!message.startsWith(`${HEADER}: `)) return null;
  const body = message.slice(message.indexOf('\n\n') + 2).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.v !== 1) return null;
  const { at, actor, action, subject, details, local, imported } = value;
  if (typeof at !== 'string' || typeof actor !== 'string' || typeof action !== 'string') return null;
  if (!(subject === null || typeof subject === 'string') || !isRecord(details)) return null;
  const localOk =
    local === null || (isRecord(local) && typeof local.seq === 'number' && typeof local.hash === 'string');
  if (!localOk || typeof imported !== 'boolean') return null;
  return {
    v: 1,
    at,
    actor,
    action,
    subject,
    details,
    local: local as LedgerEvent['local'],
    imported,
  };
}

/** Decisions people make: these are signed, and only signed ones count where the policy says so. */
export const SIGNED_ACTIONS: ReadonlySet<string> = new Set([
  'approval.given',
  'approval.rejected',
  'checklist.ticked',
  'window.overridden',
  'train.approved',
  'train.no-go',
]);

/**
 * Events that stay in this machine's audit log: opening a repository changes nothing the team
 * shares, so merely looking at a repository never writes into it or pushes to its remote.
 */
export const LOCAL_ACTIONS: ReadonlySet<string> = new Set(['repository.opened']);
