import { describe, expect, it } from 'vitest';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import { groupByRelease } from '../../../src-main/core/changelog/release-groups.js';
import type { ReleaseTag } from '../../../src-main/core/versioning/previous-release.js';

const sha = (n: number): string => n.toString(16).padStart(40, '0');

function commit(n: number, parents: number[]): CommitRecord {
  return {
    sha: sha(n),
    parents: parents.map(sha),
    authorName: 'A',
    authorEmail: 'a@example.com',
    date: '2026-01-05T09:00:00Z',
    message: `fix: ${n}\n`,
    changes: [],
  };
}

function tag(version: string, n: number): ReleaseTag {
  return { name: `v${version}`, version, sha: sha(n), prerelease: false };
}

const numbers = (commits: CommitRecord[]): number[] => commits.map((c) => parseInt(c.sha, 16));

describe('grouping a history by release', () => {
  it('follows a merge to a side branch far down the history, past the commits it looks at first', () => {
    // Newest first: 100 merges main (99) and a side branch (201, 200, forked from 50) that the
    // history lists last, far below the merge.
    const history = [commit(100, [99, 201])];
    for (let n = 99; n >= 1; n--) history.push(commit(n, [n - 1]));
    history.push(commit(0, []), commit(201, [200]), commit(200, [50]));
    const groups = groupByRelease(history, [tag('2.0.0', 100), tag('1.0.0', 50)]);

    expect(groups.map((g) => g.release?.name)).toEqual(['v2.0.0', 'v1.0.0']);
    expect(numbers(groups[0]!.commits)).toEqual([...Array.from({ length: 50 }, (_, i) => 100 - i), 201, 200]);
    expect(numbers(groups[1]!.commits)).toEqual(Array.from({ length: 51 }, (_, i) => 50 - i));
    expect(groups[0]!.previous?.name).toBe('v1.0.0');
  });

  it('names a commit by its highest tag, and leaves commits after the last release unreleased', () => {
    const history = [commit(3, [2]), commit(2, [1]), commit(1, [0]), commit(0, [])];
    const groups = groupByRelease(history, [tag('1.1.0', 1), tag('1.0.0', 1), tag('0.9.0', 0)]);
    expect(groups.map((g) => [g.release?.name ?? null, numbers(g.commits)])).toEqual([
      [null, [3, 2]],
      ['v1.1.0', [1]],
      ['v0.9.0', [0]],
    ]);
  });
});
