import { git } from './run-git.js';

/**
 * `shas` in topological order, parents before children (the order cherry-picks apply cleanly
 * in), whatever order they were chosen in. Only history not reachable from `base` is walked
 * (`rev-list --topo-order ^base`); a commit `base` already holds keeps its place after the rest.
 * All must be resolved SHAs (fed on stdin, never as options).
 */
export async function topologicalOrder(repo: string, shas: string[], base: string | null): Promise<string[]> {
  if (shas.length < 2) return [...shas];
  const revs = base === null ? shas : [...shas, `^${base}`];
  const out = await git(repo, ['rev-list', '--topo-order', '--reverse', '--stdin'], {
    input: `${revs.join('\n')}\n`,
  });
  const wanted = new Set(shas);
  const ordered = out.split('\n').filter((sha) => wanted.has(sha));
  const placed = new Set(ordered);
  return [...ordered, ...shas.filter((sha) => !placed.has(sha))];
}
