import { describe, expect, it } from 'vitest';
import {
  oneTagPerVersion,
  readTagName,
  versionTagNames,
} from '../../../src-main/core/versioning/tag-naming.js';

const naming = { tagPrefix: 'v', olderTagPrefixes: ['', 'release-'] };

describe('tag naming with older prefixes', () => {
  it.each([
    ['v1.2.0', { version: '1.2.0', rank: 0 }],
    ['1.2.0', { version: '1.2.0', rank: 1 }],
    ['release-1.2.0-rc.1', { version: '1.2.0-rc.1', rank: 2 }],
    ['vv1.2.0', null],
    ['pkg-v1.2.0', null],
    ['1.2', null],
  ])('reads %s', (name, read) => {
    expect(readTagName(name, naming)).toEqual(read);
  });

  it('keeps one tag per version, the better-ranked prefix’s, and every tag behind that prefix', () => {
    const tags = [
      { name: 'v1.2.0', version: '1.2.0' },
      { name: '1.2.0', version: '1.2.0' },
      { name: 'release-1.1.0', version: '1.1.0' },
      { name: '1.1.0', version: '1.1.0' },
      { name: '1.1.0+build', version: '1.1.0' },
    ];
    expect(oneTagPerVersion(tags, naming).map((tag) => tag.name)).toEqual(['v1.2.0', '1.1.0', '1.1.0+build']);
  });

  it('names a version behind every prefix, the tag prefix first', () => {
    expect(versionTagNames('2.0.0', naming)).toEqual(['v2.0.0', '2.0.0', 'release-2.0.0']);
  });
});
