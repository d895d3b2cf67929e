import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { CommitRange } from '../git/log.js';
import { commitsTouching } from '../git/log.js';

/** Keeps the commits of a range that count for the policy's package. */
export type PackageFilter = <C extends Pick<CommitRecord, 'sha'>>(commits: C[]) => C[];

const everything: PackageFilter = (commits) => commits;

/**
 * What `versioning.paths` keeps of `range`: only the commits that change one of the paths (one
 * package of a monorepo), asked of git once for the whole range; every commit without paths.
 * The history itself is still read whole, so releases and their order come from the full graph.
 */
export async function packageFilter(
  root: string,
  range: CommitRange,
  paths: string[],
): Promise<PackageFilter> {
  if (paths.length === 0) return everything;
  const touching = await commitsTouching(root, range, paths);
  return (commits) => commits.filter((commit) => touching.has(commit.sha));
}

/**
 * Where a release writes the package's package.json and CHANGELOG.md: the first of
 * `versioning.paths` (the package's directory), or the repository's root without paths.
 */
export function packageHome(paths: string[]): string {
  return paths[0] ?? '';
}
