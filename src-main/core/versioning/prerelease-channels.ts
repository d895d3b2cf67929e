import semver from 'semver';
import type { ReleaseTag } from './previous-release.js';

// Channels offered beside stable; a repository's own come first.
const LIMIT = 4;

/**
 * The prerelease channels this repository has open: the first identifiers of its prerelease tags
 * whose version is not released stable yet (`next` for `22.2.0-next.4` with no `22.2.0`), the
 * highest version's first, the target's latest prerelease's before all. A prerelease of a version
 * already released is a variant of it (yargs' `18.1.0-deno`) or a finished line, not a channel to
 * continue.
 */
export function openChannels(releases: ReleaseTag[], latest: ReleaseTag | null = null): string[] {
  const stable = new Set(releases.filter((tag) => !tag.prerelease).map((tag) => tag.version));
  const channels: string[] = [];
  for (const tag of latest?.prerelease ? [latest, ...releases] : releases) {
    if (!tag.prerelease || stable.has(semver.coerce(tag.version)!.version)) continue;
    const [first] = semver.prerelease(tag.version) ?? [];
    if (typeof first !== 'string' || channels.includes(first)) continue;
    channels.push(first);
    if (channels.length === LIMIT) break;
  }
  return channels;
}
