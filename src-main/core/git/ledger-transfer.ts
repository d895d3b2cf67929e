import { DeskError } from '../errors.js';
import { runGitTask } from './client.js';
import type { GitProgress } from './client.js';
import { deleteRef, LEDGER_REF, readRef, remoteLedgerRef } from './ledger-refs.js';
import { assertSafeRefName } from './refs.js';

/** git's own progress of a fetch or push (`Receiving objects: 40% (2/5)`), as simple-git reports it. */
export type TransferProgress = (event: { stage: string; done: number; total: number }) => void;

const forward = (onProgress?: TransferProgress) =>
  onProgress
    ? ({ stage, processed, total }: GitProgress) => onProgress({ stage, done: processed, total })
    : undefined;

/** The line of git's output that says what went wrong. */
function reasonIn(output: string): string {
  const lines = output
    .trim()
    .split('\n')
    .filter((line) => line.trim().length > 0);
  return (lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.pop() ?? '').trim();
}

/**
 * Fetches `remote`'s ledger into `tracking` (default: its remote-tracking ref) and returns that
 * commit, or null when the remote has no ledger (then a stale `tracking` is dropped).
 */
export async function fetchLedger(
  repo: string,
  remote: string,
  env?: NodeJS.ProcessEnv,
  tracking = remoteLedgerRef(remote),
  onProgress?: TransferProgress,
): Promise<string | null> {
  assertSafeRefName(remote, 'remote');
  const result = await runGitTask(
    repo,
    ['fetch', '--progress', '--no-tags', '--end-of-options', remote, `+${LEDGER_REF}:${tracking}`],
    { env, okExitCodes: [1, 128], onProgress: forward(onProgress) },
  );
  if (result.exitCode !== 0) {
    if (/couldn't find remote ref/i.test(result.stderr)) {
      await deleteRef(repo, tracking);
      return null;
    }
    throw new DeskError('git-failed', `git fetch ${remote} failed: ${reasonIn(result.stderr)}`);
  }
  return readRef(repo, tracking);
}

/** What a push came to: landed, lost the lease (someone pushed first), or refused by the remote. */
export type PushOutcome = { kind: 'pushed' } | { kind: 'stale' } | { kind: 'rejected'; reason: string };

/**
 * Pushes `sha` as the remote's ledger, only if the remote still has `expected` there (null: none),
 * so a ledger someone else pushed meanwhile is never overwritten.
 */
export async function pushLedger(
  repo: string,
  remote: string,
  sha: string,
  expected: string | null,
  env?: NodeJS.ProcessEnv,
  onProgress?: TransferProgress,
): Promise<PushOutcome> {
  assertSafeRefName(remote, 'remote');
  const lease = `--force-with-lease=${LEDGER_REF}:${expected ?? ''}`;
  const result = await runGitTask(
    repo,
    [
      'push',
      '--progress',
      '--no-verify',
      '--porcelain',
      lease,
      '--end-of-options',
      remote,
      `${sha}:${LEDGER_REF}`,
    ],
    { env, okExitCodes: [1, 128], onProgress: forward(onProgress) },
  );
  if (result.exitCode === 0) return { kind: 'pushed' };
  // --porcelain reports each ref on stdout; git's own errors are on stderr.
  const output = `${result.stdout}\n${result.stderr}`;
  // The lease failed: the remote's ledger moved since it was fetched. Anything else is a refusal.
  if (/\[rejected\] .*\((stale info|fetch first|non-fast-forward)\)/.test(output)) return { kind: 'stale' };
  // Another push held or moved the remote's ref at that very moment: also a lost race, not a refusal.
  if (/\[remote rejected\] .*\((failed to update ref|failed to lock|cannot lock ref)/.test(output)) {
    return { kind: 'stale' };
  }
  const refused = /\[remote rejected\] .*\((.+)\)/.exec(output)?.[1];
  return { kind: 'rejected', reason: refused ?? reasonIn(result.stderr) };
}
