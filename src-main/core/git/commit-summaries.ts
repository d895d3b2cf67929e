import type { CommitSummary } from '../../../shared/domain/release.js';
import type { RemoteLinks } from '../changelog/remote-links.js';
import { parseCommitMessage } from '../commits/parse-message.js';
import { git } from './run-git.js';

/** A commit as boards and pickers list it, with the message kept for trailers. */
export interface SummaryWithMessage extends CommitSummary {
  message: string;
  parents: string[];
  /** Who committed it (for a cherry-pick: who picked it), "Name <email>". */
  committer: string;
  committerDate: string;
}

const FORMAT = '--format=%H%x1f%P%x1f%an%x1f%aI%x1f%cn <%ce>%x1f%cI%x1f%B';

function summarize(
  sha: string,
  parents: string[],
  author: string,
  date: string,
  committed: { by: string; at: string },
  message: string,
  links: RemoteLinks | null = null,
): SummaryWithMessage {
  const change = parseCommitMessage(message)[0];
  return {
    sha,
    shortSha: sha.slice(0, 7),
    type: change?.conventional ? change.type : null,
    scope: change?.conventional ? change.scope : null,
    subject: change?.subject ?? message.split('\n')[0] ?? '',
    breaking: change?.breaking ?? false,
    author,
    date,
    references: change?.references ?? [],
    url: links ? links.commit(sha) : null,
    message,
    parents,
    committer: committed.by,
    committerDate: committed.at,
  };
}

/**
 * Commits as summaries, newest first. `revs` are resolved SHAs or `^SHA` exclusions (fed on
 * stdin, never as options); `options` are fixed git flags chosen by the caller.
 */
export async function listSummaries(
  repo: string,
  revs: string[],
  options: { limit?: number; noMerges?: boolean; extra?: string[]; links?: RemoteLinks | null } = {},
): Promise<SummaryWithMessage[]> {
  if (revs.length === 0 && !options.extra?.length) return [];
  const args = ['log', '-z', FORMAT, '--stdin'];
  if (options.noMerges ?? true) args.push('--no-merges');
  if (options.limit !== undefined) args.push(`--max-count=${options.limit}`);
  args.push(...(options.extra ?? []));
  const out = await git(repo, args, { input: `${revs.join('\n')}\n` });
  return out
    .split('\0')
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha = '', parents = '', author = '', date = '', by = '', at = '', ...message] =
        record.split('\x1f');
      return summarize(
        sha.trim(),
        parents ? parents.split(' ') : [],
        author,
        date,
        { by, at },
        message.join('\x1f'),
        options.links ?? null,
      );
    });
}

/** Just the `CommitSummary` fields, for what goes over the API. */
export function plainSummary(commit: SummaryWithMessage): CommitSummary {
  const { message: _m, parents: _p, committer: _c, committerDate: _d, ...summary } = commit;
  return summary;
}
