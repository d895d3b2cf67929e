import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { ReleaseTag } from '../versioning/previous-release.js';

export interface ReleaseGroup {
  /** The release these commits first shipped in; null for commits no release contains yet. */
  release: ReleaseTag | null;
  /** The release before it on the same line, for compare links. */
  previous: ReleaseTag | null;
  commits: CommitRecord[];
}

/**
 * Splits a history (newest first, parents included) into releases (`releases` highest version
 * first, as `allReleaseTags` gives them): each commit belongs to the lowest version that contains it, exactly `git log previous..release` for a linear history and
 * still right across merges and maintenance branches. One pass over the graph in all: each
 * release claims the commits reachable from it that no lower release claimed.
 */
export function groupByRelease(commits: CommitRecord[], releases: ReleaseTag[]): ReleaseGroup[] {
  const index = new Map<string, number>();
  commits.forEach((commit, i) => index.set(commit.sha, i));
  // `releases` come highest first, so the first tag seen on a commit is the one that names it.
  const byCommit = new Map<string, ReleaseTag>();
  for (const tag of releases) if (index.has(tag.sha) && !byCommit.has(tag.sha)) byCommit.set(tag.sha, tag);
  const ascending = [...byCommit.values()].reverse();

  const owner = new Int32Array(commits.length).fill(-1);
  const stack: number[] = [];
  ascending.forEach((tag, r) => {
    stack.push(index.get(tag.sha)!);
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (owner[i] !== -1) continue;
      owner[i] = r;
      for (const parent of commits[i]!.parents) {
        // In git's order a commit's first parent is most often the next commit: skip the lookup.
        const p = commits[i + 1]?.sha === parent ? i + 1 : index.get(parent);
        if (p !== undefined && owner[p] === -1) stack.push(p);
      }
    }
  });

  const groups: ReleaseGroup[] = ascending.map((release, r) => ({
    release,
    previous: ascending[r - 1] ?? null,
    commits: [],
  }));
  const unreleased: ReleaseGroup = { release: null, previous: ascending.at(-1) ?? null, commits: [] };
  commits.forEach((commit, i) => (owner[i] === -1 ? unreleased : groups[owner[i]!]!).commits.push(commit));
  groups.reverse();
  return unreleased.commits.length > 0 ? [unreleased, ...groups] : groups;
}
