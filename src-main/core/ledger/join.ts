import { DeskError } from '../errors.js';
import { compareAndSwapRef, isAncestor, LEDGER_REF, readRef, writeLedgerCommit } from '../git/ledger-refs.js';

const MAX_ATTEMPTS = 10;

/**
 * Makes the local ledger hold everything `remote` holds: nothing to do when it already does, a
 * fast-forward when it is behind, else a merge commit with both heads as parents. Nothing is
 * rewritten or dropped: events are a set, ordered by time then hash when read. Returns the new head.
 */
export async function joinLedger(
  root: string,
  remote: string | null,
  env: NodeJS.ProcessEnv,
  now: Date,
): Promise<string | null> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const local = await readRef(root, LEDGER_REF);
    if (!remote) return local;
    if (local && (await isAncestor(root, remote, local))) return local;
    let next = remote;
    if (local && !(await isAncestor(root, local, remote))) {
      const date = `${Math.floor(now.getTime() / 1000)} +0000`;
      next = await writeLedgerCommit(root, {
        message: 'release-desk merge: joined concurrent ledgers\n',
        parents: [local, remote],
        sign: false,
        env: { ...env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      });
    }
    // A local append may land meanwhile: then join again on top of it.
    if (await compareAndSwapRef(root, LEDGER_REF, next, local)) return next;
  }
  throw new DeskError('conflict', 'The local ledger kept moving while joining the remote ledger; try again.');
}
