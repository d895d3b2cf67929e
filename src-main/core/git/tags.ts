import { gitTask, runGitTask } from './client.js';
import { assertSafeRefName } from './refs.js';
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

/** The commit the tag `name` points at (peeled), or null when there is no such tag or it names no commit. */
export async function tagCommit(repo: string, name: string): Promise<string | null> {
  assertSafeRefName(name, 'tag');
  const result = await runGit(
    repo,
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/tags/${name}^{commit}`],
    { okExitCodes: [1, 128] },
  );
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** True when the tag `name` exists, whatever it points at. */
export async function tagExists(repo: string, name: string): Promise<boolean> {
  assertSafeRefName(name, 'tag');
  const result = await runGit(
    repo,
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/tags/${name}`],
    {
      okExitCodes: [1],
    },
  );
  return result.exitCode === 0;
}

/** A tag as release lists read it: what it points at, who made it, when, and its message. */
export interface TagDetails {
  name: string;
  /** The commit (or object) it names, peeled through an annotated tag. */
  sha: string;
  annotated: boolean;
  /** The tagger's e-mail without the angle brackets, lowercased; null for a lightweight tag. */
  taggerEmail: string | null;
  /** A lightweight tag's commit's committer e-mail, the same way; null for an annotated tag. */
  committerEmail: string | null;
  /** ISO date: the tagger date of an annotated tag, the commit date of a lightweight one. */
  created: string;
  /** An annotated tag's message (signature included); '' for a lightweight tag. */
  message: string;
}

const DETAIL_FIELDS = [
  '%(refname:strip=2)',
  '%(objectname)',
  '%(*objectname)',
  '%(objecttype)',
  '%(taggeremail)',
  '%(committeremail)',
  '%(creatordate:iso-strict)',
  // Last: a message may hold anything but NUL and the record separator.
  '%(contents)',
].join('%00');

/** Every tag (or just `name`) with its details, in one `for-each-ref`. */
export async function readTagDetails(repo: string, name?: string): Promise<TagDetails[]> {
  const pattern = name === undefined ? 'refs/tags' : `refs/tags/${assertSafeRefName(name, 'tag')}`;
  const out = await git(repo, ['for-each-ref', `--format=${DETAIL_FIELDS}%1e`, pattern]);
  const tags: TagDetails[] = [];
  for (const record of out.split('\x1e')) {
    const [
      ref = '',
      object = '',
      peeled = '',
      type = '',
      email = '',
      committer = '',
      created = '',
      message = '',
    ] = record.replace(/^\n/, '').split('\0');
    // A pattern also matches the tags below it (`v1` matches `v1/rc`): keep the one asked for.
    if (ref === '' || (name !== undefined && ref !== name)) continue;
    const annotated = type === 'tag';
    tags.push({
      name: ref,
      sha: peeled || object,
      annotated,
      taggerEmail: annotated ? email.replace(/^<|>$/g, '').toLowerCase() || null : null,
      committerEmail: annotated ? null : committer.replace(/^<|>$/g, '').toLowerCase() || null,
      created,
      message: annotated ? message : '',
    });
  }
  return tags;
}

export interface AnnotatedTag {
  name: string;
  /** A resolved commit SHA. */
  sha: string;
  message: string;
  /** `-s`: sign with the user's git signing setup. */
  sign?: boolean;
  /** Replace an existing tag of that name. */
  force?: boolean;
  /** git's `--cleanup` mode for the message. */
  cleanup: 'whitespace' | 'verbatim';
}

/** Creates (or with `force`, replaces) an annotated tag; identity and date come from `env`. */
export async function createAnnotatedTag(
  repo: string,
  tag: AnnotatedTag,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  assertSafeRefName(tag.name, 'tag');
  const args = ['tag', tag.sign ? '-s' : '-a', ...(tag.force ? ['-f'] : []), `--cleanup=${tag.cleanup}`];
  await gitTask(repo, [...args, '-m', tag.message, '--end-of-options', tag.name, tag.sha], { env });
}

/** Deletes the tag `name`; a tag already gone is not an error. */
export async function deleteTag(repo: string, name: string): Promise<void> {
  assertSafeRefName(name, 'tag');
  await runGitTask(repo, ['tag', '-d', '--end-of-options', name], { okExitCodes: [1] });
}

/**
 * Who signed an annotated tag, as `allowedSigners` (git's `gpg.ssh.allowedSignersFile`) names
 * the key: the principal of a good SSH signature, null when it is unsigned, bad or unknown.
 */
export async function tagSigner(repo: string, tag: string, allowedSigners: string): Promise<string | null> {
  const name = assertSafeRefName(tag, 'tag');
  const { exitCode, stderr } = await runGit(
    repo,
    ['-c', `gpg.ssh.allowedSignersFile=${allowedSigners}`, 'verify-tag', '--raw', `refs/tags/${name}`],
    { okExitCodes: [0, 1] },
  );
  if (exitCode !== 0) return null;
  return /^Good "git" signature for (\S+) with /m.exec(stderr)?.[1]?.toLowerCase() ?? null;
}
