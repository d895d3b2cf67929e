import { isAncestor } from './branches.js';
import { git } from './run-git.js';
import { tagsMergedInto } from './tags.js';

/** Reachability questions about commits, by resolved SHA. */
export interface Ancestry {
  /** True when `ancestor` is reachable from `descendant` (or is it). */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /** Which tags (name → commit) are reachable from `sha`. */
  mergedInto(sha: string, tags: { name: string; sha: string }[]): Promise<Set<string>>;
}

/** Each question asked of git: right for one plan, where the repository is read once. */
export function gitAncestry(repo: string): Ancestry {
  return {
    isAncestor: (ancestor, descendant) => isAncestor(repo, ancestor, descendant),
    mergedInto: (sha, tags) =>
      tagsMergedInto(
        repo,
        sha,
        tags.map((tag) => tag.name),
      ),
  };
}

/**
 * The graph above `tips` and the branches read once (`rev-list --parents`, one call) and every question answered
 * in memory: `replay` asks hundreds of plans about the same history, and without a commit-graph
 * each `merge-base --is-ancestor` walks it again (about a second on a 26k-commit repository).
 * Generation numbers prune each walk to the commits that can still lead to the ancestor.
 */
export async function readAncestry(repo: string, tips: string[]): Promise<Ancestry> {
  // Branch heads too: whether a target is on the main line is asked of it.
  const out = await git(repo, ['rev-list', '--parents', '--topo-order', '--branches', '--stdin'], {
    input: `${[...new Set(tips)].join('\n')}\n`,
  });
  const index = new Map<string, number>();
  const parents: number[][] = [];
  const lines = out.split('\n').filter(Boolean);
  lines.forEach((line, i) => index.set(line.split(' ', 1)[0]!, i));
  for (const line of lines) {
    const [, ...ids] = line.split(' ');
    parents.push(ids.map((id) => index.get(id)).filter((i): i is number => i !== undefined));
  }
  // Topological order lists children before parents: generations are filled from the end.
  const generation = new Int32Array(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) {
    let highest = 0;
    for (const p of parents[i]!) highest = Math.max(highest, generation[p]!);
    generation[i] = highest + 1;
  }
  const reaches = (from: number, to: number): boolean => {
    if (from === to) return true;
    const floor = generation[to]!;
    const seen = new Uint8Array(lines.length);
    const stack = [from];
    while (stack.length > 0) {
      for (const p of parents[stack.pop()!]!) {
        if (p === to) return true;
        if (!seen[p] && generation[p]! > floor) {
          seen[p] = 1;
          stack.push(p);
        }
      }
    }
    return false;
  };
  const fallback = gitAncestry(repo);
  const ancestry: Ancestry = {
    async isAncestor(ancestor, descendant) {
      const a = index.get(ancestor);
      const d = index.get(descendant);
      if (a === undefined || d === undefined) return fallback.isAncestor(ancestor, descendant);
      return reaches(d, a);
    },
    async mergedInto(sha, tags) {
      const from = index.get(sha);
      if (from === undefined) return fallback.mergedInto(sha, tags);
      // One walk of everything `sha` reaches, then each tag is a lookup.
      const seen = new Uint8Array(lines.length);
      seen[from] = 1;
      const stack = [from];
      while (stack.length > 0) {
        for (const p of parents[stack.pop()!]!) {
          if (!seen[p]) {
            seen[p] = 1;
            stack.push(p);
          }
        }
      }
      const reached = (tag: { sha: string }): boolean => {
        const i = index.get(tag.sha);
        return i !== undefined && seen[i] === 1;
      };
      return new Set(tags.filter(reached).map((tag) => tag.name));
    },
  };
  return ancestry;
}
