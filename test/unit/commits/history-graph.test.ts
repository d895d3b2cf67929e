import { describe, expect, it } from 'vitest';
import { decodeGraph, encodeGraph } from '../../../src-main/core/commits/history-graph.js';
import type { GraphCommit } from '../../../src-main/core/commits/history-graph.js';

const sha = (n: number): string => n.toString(16).padStart(40, '0');
const commit = (n: number, parents: number[], author = 'Ada'): GraphCommit => ({
  sha: sha(n),
  parents: parents.map(sha),
  authorName: author,
  authorEmail: `${author.toLowerCase()}@example.com`,
});

describe('a kept history’s graph', () => {
  it('comes back as it was kept: merges, parents far down the list, roots, authors', () => {
    // Newest first, as git gives a history: a merge whose second parent is far below it.
    const history = [
      commit(9, [8, 3]),
      commit(8, [7], 'Bo'),
      commit(7, [6]),
      commit(6, [5], 'Bo'),
      commit(5, [2]),
      commit(3, [2], 'Cy'),
      commit(2, [1]),
      commit(1, []),
    ];
    const graph = encodeGraph(history)!;
    expect(
      decodeGraph(
        history.map((c) => c.sha),
        graph,
      ),
    ).toEqual(history);
    // Each author once, however many commits they made.
    expect((JSON.parse(graph) as unknown[][])[0]).toHaveLength(3);
  });

  it('is not kept when a parent is missing from the history (a shallow one)', () => {
    expect(encodeGraph([commit(2, [1])])).toBeNull();
  });

  it('is not read against SHAs it does not fit', () => {
    const history = [commit(2, [1]), commit(1, [])];
    const graph = encodeGraph(history)!;
    expect(decodeGraph([sha(2)], graph)).toBeNull();
    expect(decodeGraph([sha(3), sha(2), sha(1)], graph)).toBeNull();
    // A damaged row.
    for (const damaged of ['[[["Ada","ada@example.com"]],[0,1,7,0,0]]', '{}', 'not json', graph.slice(0, -3)])
      expect(decodeGraph([sha(2), sha(1)], damaged)).toBeNull();
  });
});
