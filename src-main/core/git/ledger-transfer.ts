import { simpleGit } from 'simple-git';
import type { SimpleGitProgressEvent } from 'simple-git';
import { DeskError } from '../errors.js';
import { deleteRef, LEDGER_REF, readRef, remoteLedgerRef } from './ledger-refs.js';
import { assertSafeRefName } from './refs.js';

/** git's own progress of a fetch or push (`Receiving objects: 40% (2/5)`), as simple-git reports it. */
export type TransferProgress = (event: { stage: string; done: number; total: number }) => void;

// Programs a fetch or push never runs; simple-git refuses to pass them on, so they are left out.
const NOT_FOR_TRANSFERS = /^(editor|visual|git_editor|pager|git_pager|git_external_diff|git_template_dir)$/i;

/**
 * A simple-git for one transfer, with our environment: no prompts, English messages. simple-git
 * guards against environment and options slipped in by untrusted input; what is passed here is
 * the user's own environment (their ssh command, askpass, proxy, config), so it is allowed, while
 * the argv is ours with only a remote name the repository already has.
 */
function transfer(repo: string, env: NodeJS.ProcessEnv | undefined, onProgress?: TransferProgress) {
  const full: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined && !NOT_FOR_TRANSFERS.test(key)) full[key] = value;
  }
  Object.assign(full, { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C' });
  const progress = onProgress
    ? ({ stage, processed, total }: SimpleGitProgressEvent) => onProgress({ stage, done: processed, total })
    : undefined;
  return simpleGit({
    baseDir: repo,
    allowEnvironment: Object.keys(full),
    unsafe: {
      allowUnsafeSshCommand: true,
      allowUnsafeAskPass: true,
      allowUnsafeGitProxy: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeExec: true,
    },
    progress,
    timeout: { block: 120_000 },
  }).env(full);
}

/** The last line git wrote to stderr, which says what went wrong. */
function lastLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
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
  try {
    await transfer(repo, env, onProgress).raw([
      'fetch',
      // Before the remote and refspec: simple-git would add it at the end, where it reads as a refspec.
      '--progress',
      '--no-tags',
      '--end-of-options',
      remote,
      `+${LEDGER_REF}:${tracking}`,
    ]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/couldn't find remote ref/i.test(message)) {
      await deleteRef(repo, tracking);
      return null;
    }
    throw new DeskError('git-failed', `git fetch ${remote} failed: ${lastLine(error)}`);
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
  try {
    await transfer(repo, env, onProgress).raw([
      'push',
      '--progress',
      '--no-verify',
      '--porcelain',
      lease,
      '--end-of-options',
      remote,
      `${sha}:${LEDGER_REF}`,
    ]);
    return { kind: 'pushed' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The lease failed: the remote's ledger moved since it was fetched. Anything else is a refusal.
    if (/\[rejected\] .*\((stale info|fetch first|non-fast-forward)\)/.test(message)) {
      return { kind: 'stale' };
    }
    // Another push held or moved the remote's ref at that very moment: also a lost race, not a refusal.
    if (/\[remote rejected\] .*\((failed to update ref|failed to lock|cannot lock ref)/.test(message)) {
      return { kind: 'stale' };
    }
    const refused = /\[remote rejected\] .*\((.+)\)/.exec(message)?.[1];
    return { kind: 'rejected', reason: refused ?? lastLine(error) };
  }
}
