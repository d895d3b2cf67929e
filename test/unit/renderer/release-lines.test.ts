import { describe, expect, it } from 'vitest';
import type { HotfixRelease } from '../../../shared/domain/hotfix.js';
import { matchingReleases, releaseLines } from '../../../src-renderer/components/hotfix/release-lines.js';

function release(version: string): HotfixRelease {
  const [major, minor] = version.split('.');
  return {
    tag: `v${version}`,
    version,
    sha: 'f'.repeat(40),
    date: '',
    line: `${major}.${minor}.x`,
    latestOfLine: false,
  };
}

const RELEASES = ['2.1.0', '2.0.3', '2.0.2', '1.10.1', '1.10.0', '1.1.0'].map(release);

describe('release lines for the hotfix chooser', () => {
  it('groups by line, newest first, with the latest patch on top', () => {
    const lines = releaseLines(RELEASES);
    expect(lines.map((l) => [l.line, l.latest.tag, l.older.map((r) => r.tag)])).toEqual([
      ['2.1.x', 'v2.1.0', []],
      ['2.0.x', 'v2.0.3', ['v2.0.2']],
      ['1.10.x', 'v1.10.1', ['v1.10.0']],
      ['1.1.x', 'v1.1.0', []],
    ]);
  });

  it('searches tags, versions and lines by every word', () => {
    expect(matchingReleases(RELEASES, '1.1').map((r) => r.tag)).toEqual(['v1.10.1', 'v1.10.0', 'v1.1.0']);
    expect(matchingReleases(RELEASES, 'V2.0 3').map((r) => r.tag)).toEqual(['v2.0.3']);
    expect(matchingReleases(RELEASES, '   ')).toHaveLength(RELEASES.length);
    expect(matchingReleases(RELEASES, 'v9')).toEqual([]);
  });
});
