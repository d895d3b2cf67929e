import type { AuditVerification } from '../../../shared/domain/audit.js';
import type { LedgerVerification } from '../../../shared/domain/ledger.js';
import type { Core } from '../context.js';
import { isAncestor, LEDGER_REF, readRef, remoteLedgerRef, verifiedLedgerRef } from '../git/ledger-refs.js';
import { fetchLedger } from '../git/ledger-transfer.js';
import { loadRepositoryPolicy } from '../policy/committed-policy.js';
import { verifyAuditTrail } from '../promotion/verify-records.js';
import { allowedSigners, requireSigned } from './allowed-signers.js';
import { LOCAL_ACTIONS, SIGNED_ACTIONS } from './event.js';
import { readLedger } from './read.js';
import type { LedgerEntry } from './read.js';
import { chooseRemote } from './sync.js';
import { emailOf } from '../promotion/release.js';

function describe(entry: LedgerEntry): string {
  const { event } = entry;
  const subject = event.subject ? ` ${event.subject}` : '';
  return `${entry.commit.slice(0, 12)} (${event.action}${subject} by ${event.actor} at ${event.at})`;
}

/** A problem, and the ledger commit it is about when the local ledger holds that event. */
interface Finding {
  commit: string | null;
  problem: string;
}

/** Every decision's signature against the allowed signers; a bad signature anywhere is a finding. */
function signatureProblems(entries: LedgerEntry[], signedOnly: boolean): Finding[] {
  const findings: Finding[] = [];
  const found = (entry: LedgerEntry, problem: string) => findings.push({ commit: entry.commit, problem });
  for (const entry of entries) {
    const { status, signer } = entry.signature;
    if (status === 'B') found(entry, `event ${describe(entry)} has a signature that does not verify`);
    if (!signedOnly || entry.event.imported || !SIGNED_ACTIONS.has(entry.event.action)) continue;
    if (status === 'N') found(entry, `decision ${describe(entry)} is not signed`);
    else if (status === 'U')
      found(entry, `decision ${describe(entry)} is signed by a key not in the allowed signers`);
    else if (status === 'G' && signer?.toLowerCase() !== emailOf(entry.event.actor)) {
      found(entry, `decision ${describe(entry)} is signed by ${signer ?? 'someone else'}, not by its actor`);
    }
  }
  return findings;
}

/** Local audit events of `root` that are neither queued nor in the ledger: the ledger lost them. */
function lostLocalEvents(core: Core, root: string, entries: LedgerEntry[]): Finding[] {
  const inLedger = new Set(entries.flatMap((e) => (e.event.local ? [e.event.local.hash] : [])));
  const rows = core.db
    .prepare(
      `SELECT seq, action, hash FROM audit_events a WHERE repo = ?
       AND NOT EXISTS (SELECT 1 FROM ledger_outbox o WHERE o.audit_seq = a.seq) ORDER BY seq`,
    )
    .all(root) as { seq: number; action: string; hash: string }[];
  return rows
    .filter((row) => !inLedger.has(row.hash) && !LOCAL_ACTIONS.has(row.action))
    .map((row) => ({
      commit: null,
      problem: `local audit event ${row.seq} (${row.action}) is missing from the ledger`,
    }));
}

interface RemoteFindings {
  remote: string | null;
  unreachable?: string;
  problems: Finding[];
}

/**
 * The remote copy is the anchor against deleting the tail: every event it held at the last sync
 * must still be there, and every event it holds must be here.
 */
async function compareWithRemote(core: Core, root: string, local: string | null): Promise<RemoteFindings> {
  let remote: string;
  try {
    remote = await chooseRemote(root);
  } catch (error) {
    return { remote: null, unreachable: (error as Error).message, problems: [] };
  }
  let fetched: string | null;
  try {
    fetched = await fetchLedger(root, remote, core.gitEnv, verifiedLedgerRef(remote));
  } catch (error) {
    return { remote: null, unreachable: `${remote}: ${(error as Error).message}`, problems: [] };
  }
  const problems: Finding[] = [];
  const synced = await readRef(root, remoteLedgerRef(remote));
  if (synced && !(fetched && (await isAncestor(root, synced, fetched)))) {
    const dropped = await readLedger(root, { head: synced, exclude: fetched ? [fetched] : [] });
    for (const entry of dropped) {
      problems.push({
        commit: entry.commit,
        problem: `${remote}'s ledger was rewritten: it no longer holds event ${describe(entry)}`,
      });
    }
  }
  if (fetched) {
    const behind = await readLedger(root, { head: fetched, exclude: local ? [local] : [] });
    for (const entry of behind) {
      problems.push({
        commit: null,
        problem: `the local ledger lacks event ${describe(entry)} that ${remote} holds (run release-desk sync)`,
      });
    }
  }
  return { remote, problems };
}

/** `audit verify` for one repository's shared ledger: signatures, completeness, and the remote copy. */
export async function verifyLedger(core: Core, root: string): Promise<LedgerVerification> {
  await core.ledger.settle();
  const pending = core.ledger.pending(root);
  const head = await readRef(root, LEDGER_REF);
  const signers = await allowedSigners(root);
  const entries = await readLedger(root, { head, allowedSigners: signers.file });
  // `requireSigned` as committed at HEAD: an uncommitted edit never turns it off.
  const policy = await loadRepositoryPolicy(root).then(
    (loaded) => loaded.policy,
    () => null,
  );
  const findings = [
    ...signatureProblems(entries, requireSigned(policy, root, signers)),
    ...lostLocalEvents(core, root, entries),
  ];
  if (pending.events > 0 && pending.error) {
    findings.push({
      commit: null,
      problem: `${pending.events} local event(s) are not yet in the ledger: ${pending.error}`,
    });
  }
  const remote = await compareWithRemote(core, root, head);
  findings.push(...remote.problems);
  const held = new Set(entries.map((entry) => entry.commit));
  const result: LedgerVerification = {
    ok: findings.length === 0,
    events: entries.length,
    head,
    problems: findings.map((finding) => finding.problem),
    brokenAt: findings.find((finding) => finding.commit !== null && held.has(finding.commit))?.commit ?? null,
    remote: remote.remote,
  };
  if (remote.unreachable) result.unreachable = remote.unreachable;
  return result;
}

/** `audit verify`: the local chain and its records, then `root`'s shared ledger when one is named. */
export async function verifyAuditAndLedger(core: Core, root: string | null): Promise<AuditVerification> {
  const chain = verifyAuditTrail(core);
  return root ? { ...chain, ledger: await verifyLedger(core, root) } : chain;
}
