import type { CommitRecord } from '../../../shared/domain/commits.js';
import { intern } from '../intern.js';

/** A commit's place in a history and who made it: what grouping a history into releases needs. */
export type GraphCommit = Pick<CommitRecord, 'sha' | 'parents' | 'authorName' | 'authorEmail'>;

// A kept history's graph, beside its SHAs (newest first): JSON of the distinct authors, then per
// commit its author's position, its parents' count and their distances down the list (mostly 1).
// Reading it back costs a few milliseconds for 20k commits, where decoding their records
// (messages and all) cost thirty.
type Encoded = [authors: [name: string, email: string][], links: number[]];

/** The graph of a whole history (`commits` newest first, every parent among them), or null when a parent is not. */
export function encodeGraph(commits: GraphCommit[]): string | null {
  const positionOf = nearbyFirst(commits);
  const authors = new Map<string, Map<string, number>>();
  const people: Encoded[0] = [];
  const links: number[] = [];
  for (let i = 0; i < commits.length; i++) {
    const { authorName: name, authorEmail: email, parents } = commits[i]!;
    let byEmail = authors.get(name);
    if (!byEmail) authors.set(name, (byEmail = new Map()));
    let author = byEmail.get(email);
    if (author === undefined) byEmail.set(email, (author = people.push([name, email]) - 1));
    links.push(author, parents.length);
    for (const parent of parents) {
      const at = positionOf(parent, i);
      if (at === undefined) return null;
      links.push(at - i);
    }
  }
  const encoded: Encoded = [people, links];
  return JSON.stringify(encoded);
}

/** The commits of a kept history from its SHAs and graph; null when they do not fit together. */
export function decodeGraph(shas: string[], graph: string): GraphCommit[] | null {
  let people: Encoded[0];
  let links: Encoded[1];
  try {
    [people, links] = JSON.parse(graph) as Encoded;
    if (!Array.isArray(people) || !Array.isArray(links)) return null;
  } catch {
    // A damaged cache row: the history is read again.
    return null;
  }
  const authors = people.map(([name, email]) => [intern(name), intern(email)] as const);
  const commits = new Array<GraphCommit>(shas.length);
  let at = 0;
  for (let i = 0; i < shas.length; i++) {
    const author = authors[links[at++]!];
    const count = links[at++];
    if (!author || count === undefined) return null;
    const parents = new Array<string>(count);
    for (let p = 0; p < count; p++) {
      const parent = shas[i + links[at++]!];
      if (parent === undefined) return null;
      parents[p] = parent;
    }
    commits[i] = { sha: shas[i]!, parents, authorName: author[0], authorEmail: author[1] };
  }
  return at === links.length ? commits : null;
}

// How far after a commit its parents are looked for before asking a map of every commit.
const NEARBY = 16;

/**
 * A parent's position in the history. In git's order a parent is nearly always a few commits
 * after its child (the first parent most often the very next), so those few are looked at
 * first; a map of every commit (100k entries on a long history) is built only for the rest.
 */
export function nearbyFirst(
  commits: Pick<CommitRecord, 'sha'>[],
): (sha: string, child: number) => number | undefined {
  let index: Map<string, number> | undefined;
  return (sha, child) => {
    const end = Math.min(commits.length, child + 1 + NEARBY);
    for (let p = child + 1; p < end; p++) if (commits[p]!.sha === sha) return p;
    index ??= new Map(commits.map((commit, i) => [commit.sha, i]));
    return index.get(sha);
  };
}
