import semver from 'semver';
import type { ReleaseTag } from './previous-release.js';

// Channels offered beside stable; a repository's own come first.
const LIMIT = 4;

/** The release's prerelease channel (`rc` of 2.0.0-rc.3), or null for a stable release. */
export function prereleaseChannel(version: string): string | null {
  const first = semver.prerelease(version)?.[0];
  return typeof first === 'string' && /^[0-9A-Za-z-]+$/.test(first) ? first : null;
}

/** Whether `tag` is a prerelease of a version not released stable yet: a line still open. */
function openPrerelease(tag: ReleaseTag, stable: ReadonlySet<string>): boolean {
  return tag.prerelease && !stable.has(semver.coerce(tag.version)!.version);
}

/**
 * The prerelease channels this repository has open: the first identifiers of its prerelease tags
 * whose version is not released stable yet (`next` for `22.2.0-next.4` with no `22.2.0`), the
 * highest version's first, the target's latest prerelease's before all; and that one alone, the
 * channel `--prerelease` continues the latest prerelease with (null when its line is closed). A
 * prerelease of a version already released is a variant of it (yargs' `18.1.0-deno`) or a
 * finished line, not a channel to continue.
 */
export function openChannels(
  releases: ReleaseTag[],
  latest: ReleaseTag | null = null,
): { channels: string[]; continued: string | null } {
  const stable = new Set(releases.filter((tag) => !tag.prerelease).map((tag) => tag.version));
  const continued =
    latest !== null && openPrerelease(latest, stable) ? prereleaseChannel(latest.version) : null;
  const channels = continued === null ? [] : [continued];
  for (const tag of releases) {
    if (channels.length === LIMIT) break;
    if (!openPrerelease(tag, stable)) continue;
    const first = prereleaseChannel(tag.version);
    if (first !== null && !channels.includes(first)) channels.push(first);
  }
  return { channels, continued };
}
