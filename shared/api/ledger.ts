import * as z from 'zod';
import type { LedgerStatus, LedgerSyncResult } from '../domain/ledger.js';
import { channel } from './define.js';
import { repoPath } from './repository.js';

/** A remote's name as git allows it; the core checks it names one of the repository's remotes. */
const remoteName = z
  .string()
  .min(1, 'a remote name must not be empty')
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'a remote name is letters, digits, ".", "_", "-" and "/"');

export const ledgerChannels = {
  /**
   * Shares the ledger through the remote (fetch, join, push). Progress streams as events with kind
   * `ledger-sync`, job `ledger-sync:<root>`; the outcome, also on failure, shows in `ledger.status`.
   */
  'ledger.sync': channel<LedgerSyncResult>()(() =>
    z.object({ path: repoPath, remote: remoteName.optional() }),
  ),
  /** In sync, N to push, offline or rejected, and whether signing is set up. Reads no network. */
  'ledger.status': channel<LedgerStatus>()(() => z.object({ path: repoPath })),
};
