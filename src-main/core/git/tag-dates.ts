import { git } from './run-git.js';

/** A tag with the commit it names and when it was made. */
export interface DatedTag {
  name: string;
  /** The commit the tag points at (peeled). */
  sha: string;
  /** Seconds since the epoch: an annotated tag's tagger date, else its commit's committer date. */
  created: number;
}

const FIELDS = [
  '%(refname:strip=2)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objecttype)',
  '%(*objectname)',
  // `creatordate` is the tagger date of an annotated tag and the committer date of a plain one;
  // an annotated tag without a tagger line falls back to its commit's date.
  '%(creatordate:unix)',
  '%(*committerdate:unix)',
].join('%00');

/**
 * Every tag that names a commit, with its creation date, in one call. Tags of trees, blobs or of
 * other tags are left out: they name no release.
 */
export async function listTagsWithDates(repo: string): Promise<DatedTag[]> {
  const out = await git(repo, ['for-each-ref', `--format=${FIELDS}`, 'refs/tags']);
  const tags: DatedTag[] = [];
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const [name = '', type, sha = '', peeledType, peeledSha = '', created, peeledCreated] = line.split('\0');
    const commit = type === 'commit' ? sha : peeledType === 'commit' ? peeledSha : null;
    if (commit === null) continue;
    const date = Number(created || peeledCreated || 0);
    tags.push({ name, sha: commit, created: Number.isFinite(date) ? date : 0 });
  }
  return tags;
}
