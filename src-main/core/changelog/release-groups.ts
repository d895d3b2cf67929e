import type { CommitRecord } from '../../../shared/domain/commits.js';
import { nearbyFirst } from '../commits/history-graph.js';
import type { ReleaseTag } from '../versioning/previous-release.js';

/** What grouping needs of a commit: its place in the graph. */
type Linked = Pick<CommitRecord, 'sha' | 'parents'>;

export interface ReleaseGroup<C extends Linked = CommitRecord> {
  /** The release these commits first shipped in; null for commits no release contains yet. */
  release: ReleaseTag | null;
  /** The release before it on the same line, for compare links. */
  previous: ReleaseTag | null;
  commits: C[];
}

/**
 * Splits a history (newest first, parents included) into releases (`releases` highest version
 * first, as `allReleaseTags` gives them): each commit belongs to the lowest version that contains it, exactly `git log previous..release` for a linear history and
 * still right across merges and maintenance branches. One pass over the graph in all: each
 * release claims the commits reachable from it that no lower release claimed.
 */
export function groupByRelease<C extends Linked>(commits: C[], releases: ReleaseTag[]): ReleaseGroup<C>[] {
  // `releases` come highest first, so the first tag seen on a commit is the one that names it.
  const tagAt = new Map<string, number>();
  for (const tag of releases) tagAt.set(tag.sha, -1);
  commits.forEach((commit, i) => tagAt.has(commit.sha) && tagAt.set(commit.sha, i));
  const byCommit = new Map<number, ReleaseTag>();
  for (const tag of releases) {
    const at = tagAt.get(tag.sha)!;
    if (at !== -1 && !byCommit.has(at)) byCommit.set(at, tag);
  }
  const ascending = [...byCommit].reverse();

  const owner = new Int32Array(commits.length).fill(-1);
  const positionOf = nearbyFirst(commits);
  const stack: number[] = [];
  ascending.forEach(([at], r) => {
    stack.push(at);
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (owner[i] !== -1) continue;
      owner[i] = r;
      for (const parent of commits[i]!.parents) {
        const p = positionOf(parent, i);
        if (p !== undefined && owner[p] === -1) stack.push(p);
      }
    }
  });

  const groups: ReleaseGroup<C>[] = ascending.map(([, release], r) => ({
    release,
    previous: ascending[r - 1]?.[1] ?? null,
    commits: [],
  }));
  const unreleased: ReleaseGroup<C> = { release: null, previous: ascending.at(-1)?.[1] ?? null, commits: [] };
  commits.forEach((commit, i) => (owner[i] === -1 ? unreleased : groups[owner[i]!]!).commits.push(commit));
  groups.reverse();
  return unreleased.commits.length > 0 ? [unreleased, ...groups] : groups;
}
