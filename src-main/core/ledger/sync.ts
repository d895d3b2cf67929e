import type { LedgerSyncResult } from '../../../shared/domain/ledger.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import {
  compareAndSwapRef,
  countEventCommits,
  remoteLedgerRef,
  readRef,
  LEDGER_REF,
  remoteNames,
} from '../git/ledger-refs.js';
import { fetchLedger, pushLedger } from '../git/ledger-transfer.js';
import type { TransferProgress } from '../git/ledger-transfer.js';
import { assertSafeRefName } from '../git/refs.js';
import { adoptPromotions } from './adopt-promotions.js';
import { adoptTrainsAndHotfixes } from './adopt-work.js';
import { joinLedger } from './join.js';
import { refreshLedgerIndex } from './ledger-index.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { recordSyncOutcome } from './sync-status.js';
import type { SyncOutcome } from './sync-status.js';

const MAX_ATTEMPTS = 5;

/** The remote to share through: the one named, else `origin`, else the only one. */
export async function chooseRemote(root: string, name?: string): Promise<string> {
  const remotes = await remoteNames(root);
  if (name !== undefined) {
    assertSafeRefName(name, 'remote');
    if (!remotes.includes(name)) {
      const known = remotes.length ? remotes.join(', ') : 'none';
      throw new DeskError('not-found', `This repository has no remote "${name}" (remotes: ${known}).`);
    }
    return name;
  }
  if (remotes.includes('origin')) return 'origin';
  if (remotes.length === 1) return remotes[0]!;
  throw new DeskError(
    remotes.length ? 'invalid-input' : 'not-found',
    remotes.length
      ? `Name the remote to share the ledger through (remotes: ${remotes.join(', ')}).`
      : 'This repository has no remote to share the ledger through: add one (git remote add origin URL).',
  );
}

/** Progress of a sync, as the app shows it beside the sync status. */
function reporter(core: Core, root: string) {
  const job = `ledger-sync:${root}`;
  const say = (message: string, finished = false, done: number | null = null, total: number | null = null) =>
    core.progress({ job, kind: 'ledger-sync', message, done, total, finished });
  const transfer =
    (verb: string): TransferProgress =>
    ({ stage, done, total }) =>
      say(`${verb}: ${stage} ${done}/${total}`, false, done, total);
  return { say, transfer };
}

/**
 * `sync`: appends queued events, fetches the remote's ledger, joins it with the local one and
 * pushes the result with a lease on what was fetched, so a ledger pushed by someone else
 * meanwhile is fetched and joined again rather than overwritten. How it went is kept for the
 * app's sync status: an unreachable remote is `offline`, a refused push `rejected`.
 */
export async function syncLedger(
  core: Core,
  dir: RepositoryRef,
  remoteName?: string,
): Promise<LedgerSyncResult> {
  const { root } = await repositoryContext(core, dir);
  const remote = await chooseRemote(root, remoteName);
  const progress = reporter(core, root);
  const outcome = (kind: SyncOutcome['kind'], message: string | null) =>
    recordSyncOutcome(core.db, root, { remote, at: core.now().toISOString(), kind, message });
  try {
    const result = await syncWith(core, root, remote, progress);
    outcome('synced', null);
    progress.say(`In sync with ${remote}: ${result.fetched} fetched, ${result.pushed} pushed.`, true);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const rejected = error instanceof DeskError && error.code === 'ledger-rejected';
    outcome(rejected ? 'rejected' : 'offline', message);
    progress.say(rejected ? message : `Not yet shared: ${message}`, true);
    throw error;
  }
}

async function syncWith(
  core: Core,
  root: string,
  remote: string,
  progress: ReturnType<typeof reporter>,
): Promise<LedgerSyncResult> {
  const [failure] = await core.ledger.flush(root);
  if (failure) {
    throw new DeskError(
      'git-failed',
      `${failure.events} event(s) could not be written to the local ledger: ${failure.error}`,
    );
  }
  const before = await readRef(root, LEDGER_REF);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    progress.say(`Fetching the ledger from ${remote}…`);
    const fetched = await fetchLedger(root, remote, core.gitEnv, undefined, progress.transfer('Fetching'));
    const head = await joinLedger(root, fetched, core.gitEnv, core.now());
    let pushed = 0;
    if (head && head !== fetched) {
      pushed = await countEventCommits(root, head, fetched);
      progress.say(`Pushing ${pushed} event(s) to ${remote}…`);
      const push = await pushLedger(root, remote, head, fetched, core.gitEnv, progress.transfer('Pushing'));
      if (push.kind === 'stale') continue;
      if (push.kind === 'rejected') {
        throw new DeskError('ledger-rejected', `${remote} rejected the ledger: ${push.reason}`);
      }
      // What the remote now holds: the anchor `audit verify` checks the remote against.
      await compareAndSwapRef(root, remoteLedgerRef(remote), head, fetched);
    }
    const added = await refreshLedgerIndex(core.db, root);
    if (added.length) await adoptPromotions(core.db, root, added);
    await adoptTrainsAndHotfixes(core.db, root);
    return {
      remote,
      fetched: fetched ? await countEventCommits(root, fetched, before) : 0,
      pushed,
      head: head ?? '',
    };
  }
  throw new DeskError('conflict', `${remote}'s ledger kept moving while syncing; try again.`);
}
