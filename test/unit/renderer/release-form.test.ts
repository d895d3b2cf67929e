/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import {
  channelProblem,
  exampleOverride,
  isSemVer,
  normalizeOverride,
  overrideProblem,
} from '../../../src-renderer/lib/release-form.js';

describe('release override checks', () => {
  it.each(['1.0.0', '2.0.0', 'v2.0.0', '10.20.30', '1.0.0-rc.1', '1.0.0-alpha.beta+exp.sha.5114f85'])(
    'accepts %s as SemVer',
    (version) => expect(isSemVer(version)).toBe(true),
  );

  it.each(['2', '2.0', '01.0.0', '1.0.0-', '1.0.0-01', 'latest', '--upload-pack=x', '1.0.0 2'])(
    'rejects %s',
    (version) => expect(isSemVer(version)).toBe(false),
  );

  it('says why the override cannot be applied, version first, then the reason', () => {
    expect(overrideProblem('', 'big redesign')).toMatch(/Enter the version/);
    expect(overrideProblem('two', 'big redesign')).toMatch(/"two" is not a SemVer version/);
    expect(overrideProblem('2.0.0', '   ')).toMatch(/Give a reason/);
    expect(overrideProblem(' 2.0.0 ', 'big redesign')).toBeNull();
  });

  it('gives the next major above the current release as the example', () => {
    expect(exampleOverride('22.1.5')).toBe('23.0.0');
    expect(exampleOverride('0.4.0')).toBe('1.0.0');
    expect(exampleOverride(null)).toBe('1.0.0');
    expect(overrideProblem('', 'redo', '22.1.5')).toBe('Enter the version to release as, e.g. 23.0.0.');
    expect(overrideProblem('two', 'redo', '22.1.5')).toMatch(/e\.g\. 23\.0\.0 or 23\.0\.0-rc\.1/);
  });

  it('refuses a version not above the current release, before any dialog opens', () => {
    expect(overrideProblem('1.0.0', 'redo', '1.2.0')).toBe(
      '1.0.0 is not greater than the current version 1.2.0: a release must move forward.',
    );
    expect(overrideProblem('v1.2.0', 'redo', '1.2.0')).toMatch(
      /not greater than the current version 1\.2\.0/,
    );
    expect(overrideProblem('1.2.1', 'redo', '1.2.0')).toBeNull();
    expect(overrideProblem('1.3.0-rc.1', 'redo', '1.2.0')).toBeNull();
    // Before the first release anything valid goes.
    expect(overrideProblem('0.0.1', 'redo', null)).toBeNull();
  });

  it('sends the version without a tag prefix and the reason trimmed', () => {
    expect(normalizeOverride(' v2.0.0 ', ' redesign \n')).toEqual({ version: '2.0.0', reason: 'redesign' });
  });

  it('checks a typed prerelease channel like the server does', () => {
    expect(channelProblem('next')).toBeNull();
    expect(channelProblem('')).toMatch(/Type a channel/);
    expect(channelProblem('rc.1')).toMatch(/letters, digits/);
    expect(channelProblem('x'.repeat(41))).toMatch(/at most 40/);
  });
});
