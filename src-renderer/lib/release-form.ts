import semver from 'semver';
import type { ChannelInput } from '../../shared/api.js';

/**
 * Client-side checks for the Release screen's inputs, so a button can say why it is disabled.
 * The server validates everything again; these only catch what is obviously wrong.
 */

/** SemVer 2.0.0 (semver.org's regex), with an optional leading `v` as people type tags. */
const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const CHANNEL = /^[0-9A-Za-z-]+$/;

export interface ReleaseOverride {
  version: string;
  reason: string;
}

/** What the Release screen asks `release.create` for; the dialog adds `push` and `dryRun`. */
export type CreateRequest = Omit<ChannelInput<'release.create'>, 'dryRun' | 'push'>;

export function isSemVer(version: string): boolean {
  return SEMVER.test(version.trim());
}

/** An override to show as the example: the next major above `current` (a manual major is the usual one). */
export function exampleOverride(current: string | null): string {
  const major = current === null ? null : semver.parse(current)?.major;
  return major === null || major === undefined ? '1.0.0' : `${major + 1}.0.0`;
}

/**
 * Why the override cannot be applied yet, or null when it can. `current` is the current release's
 * version: the server refuses anything not above it, so the form says so before any dialog opens.
 */
export function overrideProblem(
  version: string,
  reason: string,
  current: string | null = null,
): string | null {
  const v = version.trim();
  const example = exampleOverride(current);
  if (!v) return `Enter the version to release as, e.g. ${example}.`;
  if (!isSemVer(v))
    return `"${v}" is not a SemVer version (MAJOR.MINOR.PATCH, e.g. ${example} or ${example}-rc.1).`;
  const wanted = v.replace(/^v/, '');
  if (current !== null && semver.valid(current) && !semver.gt(wanted, current)) {
    return `${wanted} is not greater than the current version ${current}: a release must move forward.`;
  }
  if (!reason.trim()) return 'Give a reason: overrides are recorded in the audit log with it.';
  return null;
}

/** The override as the API wants it (no leading `v`, trimmed). */
export function normalizeOverride(version: string, reason: string): ReleaseOverride {
  return { version: version.trim().replace(/^v/, ''), reason: reason.trim() };
}

/** Why a typed prerelease channel is unusable, or null when it is fine. */
export function channelProblem(channel: string): string | null {
  if (!channel) return 'Type a channel name, e.g. next.';
  if (channel.length > 40) return 'A channel name is at most 40 characters.';
  if (!CHANNEL.test(channel)) return 'A channel is letters, digits and "-" only (e.g. rc, beta).';
  return null;
}

/** "Ctrl+Enter" or "⌘Enter", matching the platform the user is on. */
export function shortcutLabel(key: string): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return mac ? `⌘${key}` : `Ctrl+${key}`;
}
