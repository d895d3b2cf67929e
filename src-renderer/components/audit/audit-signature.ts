import type { AuditRecord } from '../../../shared/domain/audit.js';

/** git's signature verdict letters (%G?) in words. */
const VERDICTS: Record<string, string> = {
  G: 'good, by an allowed signer',
  N: 'not signed',
  U: 'signed with a key not in .release-desk/allowed_signers',
  B: 'bad: the signature does not verify',
  E: 'cannot be checked here',
  X: 'good, but the signature has expired',
  Y: 'good, but the key has expired',
  R: 'made with a revoked key',
};

export function signatureInWords(event: AuditRecord): string {
  if (event.source === 'pending') return 'not yet in the shared ledger';
  if (event.source === 'local') return "this machine's log only (not signed)";
  if (event.imported) return 'imported from a database from before the ledger (not signed)';
  const verdict = event.signature ?? 'N';
  return VERDICTS[verdict] ?? `unknown (${verdict})`;
}

/**
 * What the row's signer badge shows: a ledger event's signer (null: not signed by an allowed
 * key), undefined for one not yet shared; nothing for an unsigned event that is no decision.
 */
export function badgeSigner(event: AuditRecord): { signer: string | null | undefined } | null {
  if (event.source === 'pending') return { signer: undefined };
  if (event.source === 'local' || event.imported) return null;
  if (event.signer) return { signer: event.signer };
  return event.decision || (event.signature ?? 'N') !== 'N' ? { signer: null } : null;
}
