import { assertUsage, stringOption } from './args.js';

/** `--prerelease ID`: the channel name the Release screen allows too (rc, beta, …). */
export function prereleaseOption(values: Record<string, unknown>): string | undefined {
  const id = stringOption(values, 'prerelease');
  assertUsage(
    id === undefined || (/^[0-9A-Za-z-]+$/.test(id) && id.length <= 40),
    `--prerelease must be letters, digits and "-" (e.g. rc, beta), got "${id}"`,
  );
  return id;
}
