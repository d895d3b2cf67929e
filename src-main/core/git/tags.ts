import { git } from './run-git.js';

export interface TagInfo {
  name: string;
  /** The commit the tag points at (peeled). */
  sha: string;
}

const TAG_FORMAT = '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)';

function parseTagLines(out: string): TagInfo[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', object = '', peeled = ''] = line.split('\0');
      return { name, sha: peeled || object };
    });
}

/** Every tag with the commit it points to, in one call. */
export async function listTags(repo: string): Promise<TagInfo[]> {
  return parseTagLines(await git(repo, ['for-each-ref', TAG_FORMAT, 'refs/tags']));
}

/** Tags reachable from `sha` (its ancestors, itself included). `sha` must be resolved already. */
export async function listMergedTags(repo: string, sha: string): Promise<TagInfo[]> {
  return parseTagLines(await git(repo, ['for-each-ref', `--merged=${sha}`, TAG_FORMAT, 'refs/tags']));
}
