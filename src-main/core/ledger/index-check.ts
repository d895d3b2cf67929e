import { canonicalJson } from '../audit/canonical-json.js';
import { gitAncestry } from '../git/ancestry.js';
import { isFullSha } from '../git/ledger-objects.js';
import { isAncestor } from '../git/ledger-refs.js';
import type { Db } from '../store/database.js';
import type { AllowedSigners } from './allowed-signers.js';
import { decodeEvent, SIGNED_ACTIONS } from './event.js';
import type { IndexedRow } from './ledger-index.js';
import type { SignatureVerdict } from './read.js';
import { signatureVerdicts } from './signature-cache.js';

// What decides an open promotion: its decisions and the start event its policy is put back from.
const COUNTED = [...SIGNED_ACTIONS, 'promotion.started'];

/** Whether the index row says exactly what its commit says, signature verdict included. */
function matches(
  row: IndexedRow,
  message: string | undefined,
  verdict: SignatureVerdict | undefined,
): boolean {
  const event = message === undefined ? null : decodeEvent(message);
  if (!event || !verdict) return false;
  return (
    event.at === row.at &&
    event.actor === row.actor &&
    event.action === row.action &&
    event.subject === row.subject &&
    (event.imported ? 1 : 0) === row.imported &&
    canonicalJson(event.details) === row.details &&
    verdict.status === row.signature &&
    (verdict.signer || null) === row.signer
  );
}

/** The index rows that count now: those of open promotions (decisions, ticks, overrides, starts). */
export function countedRows(db: Db, root: string): IndexedRow[] {
  return db
    .prepare(
      `SELECT e.* FROM ledger_events e JOIN promotions p
         ON p.repo = e.repo AND e.subject = p.tag || '@' || p.environment || '#' || p.attempt
       WHERE e.repo = ? AND p.state IN ('pending', 'in-progress')
         AND e.action IN (${COUNTED.map(() => '?').join(', ')})`,
    )
    .all(root, ...COUNTED) as IndexedRow[];
}

/**
 * The rows that count now checked against git itself (`messages`: their commits as git holds
 * them): a row edited in the database (a signature marked good, a decision inserted or changed, a
 * start's policy) no longer matches its commit, or names one outside the ledger at `head` (or
 * behind it: `inLedger`, which this adds to, holds commits known to be there). The verdicts
 * come from the signature cache, so nothing is verified twice. Then the index must be rebuilt.
 */
export async function indexIntact(
  root: string,
  rows: IndexedRow[],
  messages: Map<string, string>,
  head: string,
  signers: AllowedSigners,
  inLedger: Set<string>,
): Promise<boolean> {
  if (rows.length === 0) return true;
  // A commit git does not have (or no commit name at all): the row was made up.
  if (!rows.every((row) => isFullSha(row.commit_sha) && messages.has(row.commit_sha))) return false;
  const verdicts = await signatureVerdicts(
    root,
    rows.map((row) => row.commit_sha),
    signers,
  );
  if (!rows.every((row) => matches(row, messages.get(row.commit_sha), verdicts.get(row.commit_sha)))) {
    return false;
  }
  // Asked side by side, the questions about one head share one git walk (not a process per row).
  // Each must be one of the ledger's commits, not a commit made on the side; those this process
  // read from the ledger itself (`inLedger`) are known to be.
  const asked = rows.filter((row) => !inLedger.has(row.commit_sha));
  const ancestry = gitAncestry(root);
  const reached = await Promise.all(asked.map((row) => ancestry.isAncestor(row.commit_sha, head)));
  // That walk goes by commit dates: clones whose clocks disagree can make it miss a commit that is
  // there. A miss is asked again of merge-base, which walks to the end (a made-up row is rare).
  for (const [i, row] of asked.entries()) {
    if (!reached[i] && !(await isAncestor(root, row.commit_sha, head))) return false;
  }
  for (const row of asked) inLedger.add(row.commit_sha);
  return true;
}
