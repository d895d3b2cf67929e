import * as z from 'zod';
import type { LedgerSyncResult } from '../domain/ledger.js';
import { channel } from './define.js';
import { repoPath } from './repository.js';

/** A remote's name as git allows it; the core checks it names one of the repository's remotes. */
const remoteName = z
  .string()
  .min(1, 'a remote name must not be empty')
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'a remote name is letters, digits, ".", "_", "-" and "/"');

export const ledgerChannels = {
  'ledger.sync': channel<LedgerSyncResult>()(z.object({ path: repoPath, remote: remoteName.optional() })),
};
