import { LEDGER_REF, logLedger, readRef } from '../git/ledger-refs.js';
import { decodeEvent } from './event.js';
import type { LedgerEvent } from './event.js';

export interface SignatureVerdict {
  /** git's %G? letter: G good and allowed, U unknown key, N unsigned, B bad, E cannot check, … */
  status: string;
  /** The allowed-signers principal (an email) when the signature is good. */
  signer: string | null;
  key: string | null;
}

export interface LedgerEntry {
  commit: string;
  event: LedgerEvent;
  signature: SignatureVerdict;
}

/** Events are a set ordered by time, then by commit hash: the same order in every clone. */
export function byTimeThenHash(a: LedgerEntry, b: LedgerEntry): number {
  if (a.event.at !== b.event.at) return a.event.at < b.event.at ? -1 : 1;
  return a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : 0;
}

/**
 * The events reachable from `head` (default: the ledger's head) and not from `exclude`, in
 * ledger order, each with its signature checked against `allowedSigners`.
 */
export async function readLedger(
  repo: string,
  options: { head?: string | null; exclude?: string[]; allowedSigners?: string | null } = {},
): Promise<LedgerEntry[]> {
  const head = options.head === undefined ? await readRef(repo, LEDGER_REF) : options.head;
  if (!head) return [];
  const commits = await logLedger(repo, head, options.exclude ?? [], options.allowedSigners ?? null);
  const entries: LedgerEntry[] = [];
  for (const raw of commits) {
    const event = decodeEvent(raw.message);
    if (!event) continue;
    entries.push({
      commit: raw.sha,
      event,
      signature: { status: raw.signature, signer: raw.signer || null, key: raw.key || null },
    });
  }
  return entries.sort(byTimeThenHash);
}
