import { LEDGER_REF, logLedger, readRef } from '../git/ledger-refs.js';
import type { RawLedgerCommit } from '../git/ledger-refs.js';
import type { AllowedSigners } from './allowed-signers.js';
import { decodeEvent } from './event.js';
import type { LedgerEvent } from './event.js';
import { signatureVerdicts } from './signature-cache.js';

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
 * ledger order, each with its signature checked by git against `allowedSigners` there and then
 * (what `audit verify` asks; the index takes its verdicts from `ledgerEntries`).
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

/**
 * The events of `commits` (read without signatures) in ledger order, each with its signature's
 * verdict against `signers`, verified by git once per commit (`signatureVerdicts`).
 */
export async function ledgerEntries(
  root: string,
  commits: RawLedgerCommit[],
  signers: AllowedSigners,
): Promise<LedgerEntry[]> {
  const events = commits
    .map((raw) => ({ commit: raw.sha, event: decodeEvent(raw.message) }))
    .filter((e): e is { commit: string; event: LedgerEvent } => e.event !== null);
  const verdicts = await signatureVerdicts(
    root,
    events.map((e) => e.commit),
    signers,
  );
  const unchecked: SignatureVerdict = { status: 'E', signer: null, key: null };
  return events.map((e) => ({ ...e, signature: verdicts.get(e.commit) ?? unchecked })).sort(byTimeThenHash);
}
