import type { LedgerStatus } from '../../../shared/domain/ledger.js';
import type { Core } from '../context.js';
import { readLedgerObjects } from '../git/ledger-objects.js';
import {
  countEventCommits,
  LEDGER_REF,
  readRef,
  remoteLedgerRef,
  signingKeyConfigured,
} from '../git/ledger-refs.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { loadRepositoryPolicy } from '../policy/committed-policy.js';
import type { Db } from '../store/database.js';
import { ALLOWED_SIGNERS, allowedSignersFrom, requireSigned } from './allowed-signers.js';
import { chooseRemote } from './sync.js';

export interface SyncOutcome {
  remote: string;
  at: string;
  kind: 'synced' | 'offline' | 'rejected';
  message: string | null;
}

// How the last sync of each repository went, for this process (the app's lifetime): the header's
// status needs it and it is no state that counts, so it is not written anywhere.
const outcomes = new WeakMap<Db, Map<string, SyncOutcome>>();
const lastSynced = new WeakMap<Db, Map<string, string>>();

export function recordSyncOutcome(db: Db, root: string, outcome: SyncOutcome): void {
  if (!outcomes.has(db)) outcomes.set(db, new Map());
  outcomes.get(db)!.set(root, outcome);
  if (outcome.kind === 'synced') {
    if (!lastSynced.has(db)) lastSynced.set(db, new Map());
    lastSynced.get(db)!.set(root, outcome.at);
  }
}

/** Events of the local ledger (at `head`) the remote's last fetched copy lacks, plus those still queued. */
async function eventsToPush(
  core: Core,
  root: string,
  head: string | null,
  remote: string | null,
): Promise<number> {
  const queued = core.ledger.pending(root).events;
  if (!head) return queued;
  const shared = remote ? await readRef(root, remoteLedgerRef(remote)) : null;
  return queued + (await countEventCommits(root, head, shared));
}

/** The header's sync status: read from refs and this process's last sync, without the network. */
export async function ledgerStatus(core: Core, dir: RepositoryRef): Promise<LedgerStatus> {
  const { root } = await repositoryContext(core, dir);
  const remote = await chooseRemote(root).catch(() => null);
  // The ledger's head and the committed allowed signers, in one git process.
  const objects = await readLedgerObjects(root, LEDGER_REF, ALLOWED_SIGNERS, []);
  const toPush = await eventsToPush(core, root, objects.head, remote);
  const last = outcomes.get(core.db)?.get(root);
  // `requireSigned` as committed at HEAD: an uncommitted edit never turns it off.
  const policy = await loadRepositoryPolicy(root).then(
    (loaded) => loaded.policy,
    () => null,
  );
  const signers = await allowedSignersFrom(root, objects.file);
  const signing = {
    required: requireSigned(policy, root, signers),
    configured: await signingKeyConfigured(root, core.gitEnv),
  };
  const base = { remote, toPush, syncedAt: lastSynced.get(core.db)?.get(root) ?? null, signing };
  if (!remote) {
    const message = 'This repository has no remote: the ledger is kept here and not yet shared.';
    return { ...base, state: 'offline', message };
  }
  if (last && last.remote === remote && last.kind !== 'synced' && (toPush > 0 || last.kind === 'offline')) {
    return { ...base, state: last.kind, message: last.message };
  }
  return { ...base, state: toPush > 0 ? 'to-push' : 'in-sync', message: null };
}
