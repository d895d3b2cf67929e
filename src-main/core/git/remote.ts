import type { ProgressEvent } from '../../../shared/domain/progress.js';
import { DeskError } from '../errors.js';
import type { GitProgress } from './client.js';
import { runGitTask } from './client.js';
import { assertSafeRefName } from './refs.js';
import { git } from './run-git.js';

export type { GitProgress } from './client.js';

/** A push or fetch git refused: `gitMessage` is what git said (refused refs, errors). */
export class RemoteFailure extends DeskError {
  constructor(
    message: string,
    readonly gitMessage: string,
  ) {
    super('git-failed', message, { git: gitMessage });
  }
}

export interface TransferOptions {
  env?: NodeJS.ProcessEnv;
  /** Called as git reports progress (counting, compressing, writing or receiving objects). */
  onProgress?: (progress: GitProgress) => void;
}

/** The repository's remotes, by name. */
export async function remoteNames(repo: string): Promise<string[]> {
  return (await git(repo, ['remote'])).split('\n').filter(Boolean);
}

async function transfer(
  repo: string,
  verb: 'push' | 'fetch',
  flags: string[],
  remote: string,
  refspecs: string[],
  options: TransferOptions,
): Promise<void> {
  assertSafeRefName(remote, 'remote');
  // `--progress` makes git report progress on a pipe too; without a listener, quiet.
  const report = options.onProgress ? ['--progress'] : ['--quiet'];
  const args = [verb, ...flags, ...report, '--end-of-options', remote, ...refspecs];
  const result = await runGitTask(repo, args, {
    env: options.env,
    onProgress: options.onProgress,
    okExitCodes: [1, 128],
  });
  if (result.exitCode === 0) return;
  const reason = gitReason(result.stderr) || `git ${verb} exited with ${result.exitCode}`;
  throw new RemoteFailure(`git ${verb} failed: ${reason}`, reason);
}

/**
 * What git said went wrong: the refs it refused (`! [rejected] main -> main (non-fast-forward)`)
 * and its `error:`/`fatal:` lines, without the hints and progress around them.
 */
function gitReason(stderr: string): string {
  const lines = stderr.split(/[\r\n]+/).map((line) => line.trim().replace(/\s+/g, ' '));
  const said = [
    ...lines.filter((line) => line.startsWith('!')),
    ...lines.filter((line) => /^(error|fatal):/.test(line)),
  ];
  const rest = lines.filter((line) => line !== '' && !line.startsWith('hint:') && !/: +\d+% \(/.test(line));
  return (said.length > 0 ? said : rest.slice(-1)).join(' ');
}

/**
 * Pushes `refspecs` (`src:dst`, built by the caller from validated names) to `remote`, all or
 * none (`--atomic`). A rejected push throws `RemoteFailure` with git's reason.
 */
export function pushRefs(
  repo: string,
  remote: string,
  refspecs: string[],
  options: TransferOptions = {},
): Promise<void> {
  return transfer(repo, 'push', ['--atomic'], remote, refspecs, options);
}

/** Fetches `refspecs` from `remote` without its tags. A failure throws `RemoteFailure` with git's reason. */
export function fetchRefs(
  repo: string,
  remote: string,
  refspecs: string[],
  options: TransferOptions = {},
): Promise<void> {
  return transfer(repo, 'fetch', ['--no-tags'], remote, refspecs, options);
}

/**
 * Progress events for one push or fetch on a flow's progress stream (`kind` `push`/`fetch`):
 * "Pushing… 40%" for the CLI bar and the UI, then one `finished` event from `end`.
 */
export function transferProgress(
  emit: (event: ProgressEvent) => void,
  job: string,
  kind: 'push' | 'fetch',
): { onProgress: (progress: GitProgress) => void; end: () => void } {
  const verb = kind === 'push' ? 'Pushing' : 'Fetching';
  return {
    onProgress: ({ stage, progress, processed, total }) =>
      emit({
        job,
        kind,
        message: `${verb}… ${progress}% (${stage} ${processed}/${total})`,
        done: processed,
        total,
        finished: false,
      }),
    end: () => emit({ job, kind, message: `${verb}: done`, done: null, total: null, finished: true }),
  };
}
