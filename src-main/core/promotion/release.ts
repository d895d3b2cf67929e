import semver from 'semver';
import type { PromotableRelease } from '../../../shared/domain/promotion.js';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from '../git/refs.js';
import { git } from '../git/run-git.js';

export type Release = PromotableRelease;

export const HOTFIX_MARKER = /^Release-Desk-Path:\s*hotfix\s*$/im;

const FORMAT = [
  '%(refname:strip=2)',
  '%(objectname)',
  '%(*objectname)',
  '%(taggeremail)',
  '%(creatordate:iso-strict)',
  '%(objecttype)',
  '%(contents)',
].join('%00');

function parseRecords(out: string, prefix: string): Release[] {
  const releases: Release[] = [];
  for (const record of out.split('\x1e')) {
    const [rawName, object = '', peeled = '', email = '', date = '', type = '', message = ''] = record
      .replace(/^\n/, '')
      .split('\0');
    const name = rawName ?? '';
    if (!name.startsWith(prefix)) continue;
    const version = name.slice(prefix.length);
    if (semver.valid(version) !== version) continue;
    const annotated = type === 'tag';
    releases.push({
      version,
      tag: name,
      sha: peeled || object,
      createdBy: annotated ? email.replace(/^<|>$/g, '').toLowerCase() || null : null,
      createdAt: date || null,
      fastTrack: annotated && HOTFIX_MARKER.test(message),
    });
  }
  return releases;
}

function forEachRef(root: string, pattern: string): Promise<string> {
  return git(root, ['for-each-ref', `--format=${FORMAT}%1e`, pattern]);
}

/** Every release tag, newest version first. Tags that are not SemVer after the prefix are not releases. */
export async function listReleases(root: string, prefix: string): Promise<Release[]> {
  const releases = parseRecords(await forEachRef(root, 'refs/tags'), prefix);
  return releases.sort((a, b) => semver.rcompare(a.version, b.version));
}

/** `1.2.0` or `v1.2.0` → the version without the prefix; a clear error for anything else. */
export function versionFromInput(text: string, prefix: string): string {
  const candidate =
    prefix && text.startsWith(prefix) && semver.valid(text.slice(prefix.length))
      ? text.slice(prefix.length)
      : text;
  if (semver.valid(candidate) !== candidate) {
    throw new DeskError(
      'invalid-input',
      `"${text}" is not a release version (e.g. 1.2.0 or ${prefix}1.2.0).`,
    );
  }
  return candidate;
}

/** Resolves a typed version to its release tag and commit, or fails with `not-found`. */
export async function resolveRelease(root: string, text: string, prefix: string): Promise<Release> {
  const version = versionFromInput(text, prefix);
  const tag = assertSafeRefName(`${prefix}${version}`, 'tag');
  const [release] = parseRecords(await forEachRef(root, `refs/tags/${tag}`), prefix);
  if (!release) {
    throw new DeskError(
      'not-found',
      `No release ${version}: the tag ${tag} does not exist in this repository.`,
    );
  }
  return release;
}

/** The email inside `Name <email>`, lower-cased. */
export function emailOf(identity: string): string {
  return (/<([^>]*)>\s*$/.exec(identity)?.[1] ?? identity).trim().toLowerCase();
}
