import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../src-main/core/errors.js';
import { cherryPickedFrom } from '../../../src-main/core/git/patch-id.js';
import { releaseBranchName, releaseLineOf } from '../../../src-main/core/trains/release-lines.js';
import { localTime } from '../../../src-main/core/trains/train-plan.js';

describe('release branch names from the policy template', () => {
  it.each([
    ['release/{major}.{minor}', '1.3.0', 'release/1.3'],
    ['release/{major}.{minor}', '10.0.0', 'release/10.0'],
    ['rel-{major}-{minor}.x', '2.14.0', 'rel-2-14.x'],
    ['stable/v{major}/{minor}', '0.9.0', 'stable/v0/9'],
  ])('%s for %s is %s', (template, version, branch) => {
    expect(releaseBranchName(template, version)).toBe(branch);
    expect(releaseLineOf(template, branch)).toEqual({
      major: Number(version.split('.')[0]),
      minor: Number(version.split('.')[1]),
    });
  });

  it('recognizes only branches of the template', () => {
    expect(releaseLineOf('release/{major}.{minor}', 'release/1.x')).toBeNull();
    expect(releaseLineOf('release/{major}.{minor}', 'release/1.2.3')).toBeNull();
    expect(releaseLineOf('release/{major}.{minor}', 'xrelease/1.2')).toBeNull();
    // Dots in the template are literal, not "any character".
    expect(releaseLineOf('release/{major}.{minor}', 'release/1a2')).toBeNull();
    expect(releaseLineOf('hotfix/{major}.{minor}', 'release/1.2')).toBeNull();
  });

  it('refuses a template that makes an invalid branch name', () => {
    const attempt = () => releaseBranchName('release {major}..{minor}', '1.2.0');
    expect(attempt).toThrow(DeskError);
    expect(attempt).toThrow(/Invalid release branch name/);
  });
});

describe('cherry-pick trailers', () => {
  it('finds every "(cherry picked from commit …)" line and nothing else', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    expect(
      cherryPickedFrom(`fix: x\n\n(cherry picked from commit ${a})\n(cherry picked from commit ${b})\n`),
    ).toEqual([a, b]);
    expect(cherryPickedFrom(`fix: x\n\nsee (cherry picked from commit ${a}) inline`)).toEqual([]);
    expect(cherryPickedFrom('fix: x\n\n(cherry picked from commit not-a-sha)')).toEqual([]);
  });
});

describe('local times in the cadence zone', () => {
  it('formats the wall clock, not UTC', () => {
    expect(localTime(new Date('2026-03-31T08:00:00Z'), 'Europe/Berlin')).toBe('2026-03-31 10:00');
    expect(localTime(new Date('2026-01-01T04:30:00Z'), 'America/New_York')).toBe('2025-12-31 23:30');
    expect(localTime(new Date('2026-06-01T00:00:00Z'), 'Asia/Kathmandu')).toBe('2026-06-01 05:45');
  });
});
