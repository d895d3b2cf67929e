import semver from 'semver';
import type { ContainsResult } from '../../../shared/domain/hotfix.js';
import { containingRefs } from '../git/contains.js';
import type { TargetRef } from '../git/contains.js';
import { assertCommitish, resolveCommit } from '../git/refs.js';
import { repositoryContext, requirePolicy } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { activeLines } from '../trains/release-lines.js';
import { allReleaseTags } from '../versioning/previous-release.js';

const TAG = 'refs/tags/';
const HEAD = 'refs/heads/';

/**
 * "Which releases contain this change?": every release tag that has the commit, directly or as
 * a cherry-picked equivalent (same patch-id, or a `cherry picked from` trailer), and every
 * active line (main and the release branches) that does not have it yet.
 */
export async function commitContains(path: RepositoryRef, rev: string): Promise<ContainsResult> {
  assertCommitish(rev);
  const repo = await repositoryContext(null, path);
  const { root } = repo;
  const policy = requirePolicy(repo);
  const sha = await resolveCommit(root, rev);
  const releases = await allReleaseTags(root, policy.versioning);
  const lines = await activeLines(root, policy);
  const targets: TargetRef[] = [
    ...releases.map((r) => ({ name: `${TAG}${r.name}`, sha: r.sha })),
    ...lines.map((b) => ({ name: `${HEAD}${b.name}`, sha: b.sha })),
  ];
  const held = (await containingRefs(root, [sha], targets)).get(sha) ?? [];
  const versionOf = new Map(releases.map((r) => [r.name, r.version]));
  const matches = held
    .filter((c) => c.target.startsWith(TAG))
    .map((c) => ({ tag: c.target.slice(TAG.length), via: c.via, sha: c.sha }))
    .sort((a, b) => semver.compare(versionOf.get(a.tag)!, versionOf.get(b.tag)!));
  const holding = new Set(held.map((c) => c.target));
  return {
    sha,
    releases: matches.map((m) => m.tag),
    missing: lines.filter((b) => !holding.has(`${HEAD}${b.name}`)).map((b) => b.name),
    matches,
  };
}
