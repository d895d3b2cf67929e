import { describe, expect, it } from 'vitest';
import {
  otherPrefixVersion,
  otherPrefixWarning,
} from '../../../src-main/core/versioning/other-prefix-tags.js';

const tag = (name: string, sha = 'a'.repeat(40)) => ({ name, sha });
const naming = (tagPrefix: string, ...olderTagPrefixes: string[]) => ({ tagPrefix, olderTagPrefixes });

describe('tags behind another prefix', () => {
  it.each([
    ['conventional-changelog-angular-v9.4.0', 'v', 'conventional-changelog-angular-v', '9.4.0'],
    ['@angular/cli@1.2.3-rc.1', 'v', '@angular/cli@', '1.2.3-rc.1'],
    ['18.2.0', 'v', '', '18.2.0'],
    ['v18.2.0', '', 'v', '18.2.0'],
  ])('reads %s (policy prefix %j) as prefix %j, version %s', (name, prefix, other, version) => {
    expect(otherPrefixVersion(name, naming(prefix))).toMatchObject({ prefix: other, version });
  });

  it.each([
    ['v1.2.3', 'v'],
    ['latest', 'v'],
    ['v1.2', 'v'],
    ['pkg-v1.2.3.4', 'v'],
    ['release-2024', 'v'],
  ])('%s is no other prefix’s release (policy %j)', (name, prefix) => {
    expect(otherPrefixVersion(name, naming(prefix))).toBeNull();
  });

  it('names the newest tags in the range and the prefix the newest one uses', () => {
    const inRange = new Map([
      ['1'.repeat(40), 0],
      ['2'.repeat(40), 1],
      ['3'.repeat(40), 2],
    ]);
    const tags = [
      tag('conventional-changelog-angular-v9.4.0', '1'.repeat(40)),
      tag('template-v1.4.0', '2'.repeat(40)),
      tag('conventional-changelog-angular-v9.3.0', '3'.repeat(40)),
      tag('conventional-changelog-angular-v1.0.0', '4'.repeat(40)),
      tag('v1.1.0', '5'.repeat(40)),
    ];
    expect(otherPrefixWarning(tags, inRange, naming('v'), 'v1.1.0')).toBe(
      '3 tags since v1.1.0 name a version behind another prefix (e.g. conventional-changelog-angular-v9.4.0, template-v1.4.0): ' +
        'Release Desk reads only tags "v" followed by a version (versioning.tagPrefix); ' +
        'to version one package of a monorepo, set versioning.tagPrefix to its prefix (e.g. "conventional-changelog-angular-v") and versioning.paths to its directory.',
    );
  });

  it('suggests the one prefix a project moved to, and says nothing when the range has none', () => {
    const inRange = new Map([['1'.repeat(40), 0]]);
    expect(otherPrefixWarning([tag('yargs-v16.2.1', '1'.repeat(40))], inRange, naming('v'), null)).toBe(
      '1 tag in this range names a version behind another prefix (e.g. yargs-v16.2.1): ' +
        'Release Desk reads only tags "v" followed by a version (versioning.tagPrefix); ' +
        'if the project tags its releases so, set versioning.tagPrefix to "yargs-v".',
    );
    expect(otherPrefixWarning([tag('18.2.0', '9'.repeat(40))], inRange, naming('v'), null)).toBeNull();
    expect(otherPrefixWarning([tag('v18.2.0', '1'.repeat(40))], inRange, naming('v'), null)).toBeNull();
  });

  it('only says what it cannot see when the tags just lack (or add) the "v"', () => {
    const inRange = new Map([['1'.repeat(40), 0]]);
    expect(otherPrefixWarning([tag('18.2.0', '1'.repeat(40))], inRange, naming('v'), 'v18.1.0')).toBe(
      '1 tag since v18.1.0 names a version behind another prefix (e.g. 18.2.0): ' +
        'Release Desk reads only tags "v" followed by a version (versioning.tagPrefix) and does not see these as releases; ' +
        'if they are this project\'s earlier releases, set versioning.olderTagPrefixes: [""].',
    );
    expect(otherPrefixWarning([tag('v2.0.0', '1'.repeat(40))], inRange, naming(''), null)).toMatch(
      /reads only tags "" followed by a version \(versioning.tagPrefix\) and does not see these as releases; .* set versioning.olderTagPrefixes: \["v"\]\.$/,
    );
  });

  it('reads tags behind an older prefix as releases: nothing to say of them, the rest named with every prefix read', () => {
    const inRange = new Map([
      ['1'.repeat(40), 0],
      ['2'.repeat(40), 1],
    ]);
    const bare = [tag('18.2.0', '1'.repeat(40))];
    expect(otherPrefixVersion('18.2.0', naming('v', ''))).toBeNull();
    expect(otherPrefixWarning(bare, inRange, naming('v', ''), 'v18.1.0')).toBeNull();
    expect(
      otherPrefixWarning([...bare, tag('yargs-v16.2.1', '2'.repeat(40))], inRange, naming('v', ''), null),
    ).toBe(
      '1 tag in this range names a version behind another prefix (e.g. yargs-v16.2.1): ' +
        'Release Desk reads only tags "v" or "" followed by a version (versioning.tagPrefix, olderTagPrefixes); ' +
        'if the project tags its releases so, set versioning.tagPrefix to "yargs-v".',
    );
  });
});
