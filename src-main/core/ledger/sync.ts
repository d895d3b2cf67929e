import type { LedgerSyncResult } from '../../../shared/domain/ledger.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import {
  compareAndSwapRef,
  countEventCommits,
  remoteLedgerRef,
  fetchLedger,
  pushLedger,
  readRef,
  LEDGER_REF,
  remoteNames,
} from '../git/ledger-refs.js';
import { assertSafeRefName } from '../git/refs.js';
import { adoptPromotions } from './adopt-promotions.js';
import { joinLedger } from './join.js';
import { refreshLedgerIndex } from './ledger-index.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';

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

/**
 * `sync`: appends queued events, fetches the remote's ledger, joins it with the local one and
 * pushes the result with a lease on what was fetched, so a ledger pushed by someone else
 * meanwhile is fetched and joined again rather than overwritten.
 */
export async function syncLedger(
  core: Core,
  dir: RepositoryRef,
  remoteName?: string,
): Promise<LedgerSyncResult> {
  const { root } = await repositoryContext(core, dir);
  const remote = await chooseRemote(root, remoteName);
  const [failure] = await core.ledger.flush(root);
  if (failure) {
    throw new DeskError(
      'git-failed',
      `${failure.events} event(s) could not be written to the local ledger: ${failure.error}`,
    );
  }
  const before = await readRef(root, LEDGER_REF);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const fetched = await fetchLedger(root, remote, core.gitEnv);
    const head = await joinLedger(root, fetched, core.gitEnv, core.now());
    let pushed = 0;
    if (head && head !== fetched) {
      pushed = await countEventCommits(root, head, fetched);
      if (!(await pushLedger(root, remote, head, fetched, core.gitEnv))) continue;
      // What the remote now holds: the anchor `audit verify` checks the remote against.
      await compareAndSwapRef(root, remoteLedgerRef(remote), head, fetched);
    }
    const added = await refreshLedgerIndex(core.db, root);
    if (added.length) await adoptPromotions(core.db, root, added);
    return {
      remote,
      fetched: fetched ? await countEventCommits(root, fetched, before) : 0,
      pushed,
      head: head ?? '',
    };
  }
  throw new DeskError('conflict', `${remote}'s ledger kept moving while syncing; try again.`);
}
