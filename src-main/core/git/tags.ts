import { git, runGit } from './run-git.js';

export interface TagInfo {
  name: string;
  /** The commit the tag points at (peeled). */
  sha: string;
}

/**
 * Every tag with the commit it points to, in one call. `show-ref -d` takes the peeled SHAs that
 * packed-refs already records instead of reading every tag object (8.8 → 4.4 ms for 1,000
 * annotated tags, on every reopen); it exits 1 when there is no tag.
 */
export async function listTags(repo: string): Promise<TagInfo[]> {
  const { stdout } = await runGit(repo, ['show-ref', '--tags', '--dereference'], { okExitCodes: [1] });
  const tags = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const sha = line.slice(0, line.indexOf(' '));
    const ref = line.slice(sha.length + 1 + 'refs/tags/'.length);
    // An annotated tag's line comes first, then its commit's as `name^{}`.
    if (ref.endsWith('^{}')) tags.set(ref.slice(0, -3), sha);
    else tags.set(ref, sha);
  }
  return [...tags].map(([name, sha]) => ({ name, sha }));
}

/**
 * Which of the tags `names` are reachable from the commit `sha`: one walk of its history, however
 * many tags are asked about.
 */
export async function tagsMergedInto(repo: string, sha: string, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const refs = names.map((name) => `refs/tags/${name}`);
  const out = await git(repo, ['for-each-ref', `--merged=${sha}`, '--format=%(refname:strip=2)', ...refs]);
  return new Set(out.split('\n').filter(Boolean));
}
