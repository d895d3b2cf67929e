import semver from 'semver';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import { listSummaries } from '../git/commit-summaries.js';
import { cherryPickedFrom } from '../git/patch-id.js';
import type { ReleaseTag } from './previous-release.js';
import type { ReleaseRange } from './release-range.js';

// A re-made release is a few commits (the release commit, a fix or two) amended or rebased:
// a line longer than this is a real release line, and is not read further.
const MAX_REMADE = 8;

function firstLine(message: string): string {
  const end = message.indexOf('\n');
  return (end === -1 ? message : message.slice(0, end)).trim();
}

/**
 * The commit of the target's history that re-made `tag`'s commit, or null. A release whose
 * commit was amended or rebased after it was tagged (Angular CLI's 1.4.2, conventional-changelog's
 * 0.0.5) leaves its tag on a commit the history no longer holds: every commit of that dangling
 * line has a twin in `history` with the same first line, author and author date, and none is a
 * `cherry picked from` copy (those are another line's picks).
 */
async function remadeAt(
  root: string,
  target: string,
  tag: ReleaseTag,
  history: CommitRecord[],
): Promise<CommitRecord | null> {
  const line = await listSummaries(root, [tag.sha, `^${target}`], { limit: MAX_REMADE + 1 });
  if (line.length === 0 || line.length > MAX_REMADE || line[0]!.sha !== tag.sha) return null;
  if (line.some((commit) => cherryPickedFrom(commit.message).length > 0)) return null;
  const bySubject = new Map<string, CommitRecord[]>();
  for (const commit of history) {
    // A copy picked with `-x` is a line's change carried over, not the release made again.
    if (commit.parents.length > 1 || cherryPickedFrom(commit.message).length > 0) continue;
    const subject = firstLine(commit.message);
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), commit]);
  }
  const candidates = line.map((commit) => bySubject.get(firstLine(commit.message)) ?? []);
  if (candidates.some((same) => same.length === 0)) return null;
  // Author dates are not in the commit cache: asked for the few candidates only.
  const shas = [...new Set(candidates.flat().map((commit) => commit.sha))];
  const authored = new Map(
    (await listSummaries(root, shas, { extra: ['--no-walk'] })).map((s) => [s.sha, `${s.author}\0${s.date}`]),
  );
  let tip: CommitRecord | null = null;
  for (const [i, commit] of line.entries()) {
    const twin = candidates[i]!.find((same) => authored.get(same.sha) === `${commit.author}\0${commit.date}`);
    if (twin === undefined) return null;
    if (i === 0) tip = twin;
  }
  return tip;
}

/**
 * The range counted from a release that was re-made in the target's history, when its tag was
 * left behind: the release counted from on a "line" that is only its own amended commit, or
 * the next patch of the current release, tagged on a commit rebased since. The range then starts
 * at the commit that re-made it, as if the tag were there. Null when no such release applies.
 */
export async function remadeReleaseRange(
  root: string,
  range: ReleaseRange,
  history: CommitRecord[],
): Promise<ReleaseRange | null> {
  let tag: ReleaseTag | undefined;
  if (range.currentOnLine) {
    tag = range.allReleases.find((release) => release.name === range.from);
  } else if (range.current !== null) {
    const nextPatch = semver.inc(range.current, 'patch');
    tag = range.allReleases.find((release) => release.version === nextPatch && release.sha !== range.to);
  }
  if (tag === undefined) return null;
  const twin = await remadeAt(root, range.to, tag, history);
  if (twin === null) return null;
  return { ...range, from: tag.name, fromSha: twin.sha, current: tag.version, currentOnLine: false };
}
