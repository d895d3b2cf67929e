import { describe, expect, it } from 'vitest';
import type { BumpLevel, CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import { parseCommitMessage } from '../../../src-main/core/commits/parse-message.js';
import {
  bumpForChange,
  decideBump,
  nextVersion,
  type BumpDecision,
} from '../../../src-main/core/versioning/bump.js';

const policy: VersioningPolicy = {
  tagPrefix: 'v',
  olderTagPrefixes: [],
  preMajor: true,
  types: { feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch' },
  sections: {},
  files: [],
  initialVersion: '0.1.0',
  paths: [],
};

/** A full SHA from a short hex label, e.g. `sha('a1')`. */
const sha = (label: string): string => label.padEnd(40, '0');

function commit(label: string, message: string, parents = 1): CommitRecord {
  return {
    sha: sha(label),
    parents: Array.from({ length: parents }, (_, i) => sha(`f${i}`)),
    authorName: 'A',
    authorEmail: 'a@example.com',
    date: '2024-01-01T00:00:00Z',
    message,
    changes: parseCommitMessage(message),
  };
}

interface DecisionCase {
  bump: BumpDecision['bump'];
  /** `[sha label, bump]` in the expected order. */
  reasons?: [string, BumpLevel][];
  cancelled?: [string, string][];
  nonConventional?: string[];
  releaseAs?: string | null;
  policy?: Partial<VersioningPolicy>;
}

// [name, commits newest first, expected decision]
const decisions: [string, CommitRecord[], DecisionCase][] = [
  ['no commits', [], { bump: 'none', reasons: [] }],
  ['fix → patch', [commit('a1', 'fix: x')], { bump: 'patch', reasons: [['a1', 'patch']] }],
  ['perf → patch', [commit('a1', 'perf: x')], { bump: 'patch', reasons: [['a1', 'patch']] }],
  ['feat → minor', [commit('a1', 'feat: x')], { bump: 'minor', reasons: [['a1', 'minor']] }],
  [
    'feat and fix → minor, minor reason first',
    [commit('a1', 'fix: x'), commit('a2', 'feat: y')],
    {
      bump: 'minor',
      reasons: [
        ['a2', 'minor'],
        ['a1', 'patch'],
      ],
    },
  ],
  [
    'types without a bump',
    [commit('a1', 'docs: x'), commit('a2', 'chore: y'), commit('a3', 'style: z')],
    { bump: 'none', reasons: [], nonConventional: [] },
  ],
  ['breaking via !', [commit('a1', 'feat!: x')], { bump: 'major', reasons: [['a1', 'major']] }],
  [
    'breaking via BREAKING CHANGE footer',
    [commit('a1', 'fix: x\n\nBREAKING CHANGE: y')],
    { bump: 'major', reasons: [['a1', 'major']] },
  ],
  [
    'breaking via BREAKING-CHANGE footer',
    [commit('a1', 'fix: x\n\nBREAKING-CHANGE: y')],
    { bump: 'major', reasons: [['a1', 'major']] },
  ],
  [
    'breaking type outside the policy still → major',
    [commit('a1', 'docs!: x')],
    { bump: 'major', reasons: [['a1', 'major']] },
  ],
  [
    'non-conventional never bumps',
    [commit('a1', 'Update stuff'), commit('a2', 'Big rewrite\n\nBREAKING CHANGE: all')],
    { bump: 'none', reasons: [], nonConventional: ['a1', 'a2'] },
  ],
  [
    'merge commits ignored',
    [commit('a1', 'feat: merged\n\nfeat: inner', 2), commit('a2', 'fix: x')],
    { bump: 'patch', reasons: [['a2', 'patch']], nonConventional: [] },
  ],
  [
    'revert pair by SHA cancels',
    [commit('b1', `Revert "feat: x"\n\nThis reverts commit ${sha('a1')}.`), commit('a1', 'feat: x')],
    { bump: 'none', reasons: [], cancelled: [['a1', 'b1']] },
  ],
  [
    'revert pair by SHA prefix',
    [commit('b1', 'revert: feat: renamed\n\nThis reverts commit a1a1a1a.'), commit('a1a1a1a', 'feat: x')],
    { bump: 'none', reasons: [], cancelled: [['a1a1a1a', 'b1']] },
  ],
  [
    'revert pair by header when no SHA is given',
    [commit('b1', 'revert: feat(api): x'), commit('c1', 'fix: y'), commit('a1', 'feat(api): x')],
    { bump: 'patch', reasons: [['c1', 'patch']], cancelled: [['a1', 'b1']] },
  ],
  [
    'revert of a revert re-instates the original',
    [
      commit('c1', `Revert "Revert "feat: x""\n\nThis reverts commit ${sha('b1')}.`),
      commit('b1', `Revert "feat: x"\n\nThis reverts commit ${sha('a1')}.`),
      commit('a1', 'feat: x'),
    ],
    { bump: 'minor', reasons: [['a1', 'minor']], cancelled: [['b1', 'c1']] },
  ],
  [
    'revert of a revert by header',
    [commit('c1', 'revert: revert: feat: x'), commit('b1', 'revert: feat: x'), commit('a1', 'feat: x')],
    { bump: 'minor', reasons: [['a1', 'minor']], cancelled: [['b1', 'c1']] },
  ],
  [
    'three reverts: the original stays reverted',
    [
      commit('d1', `Revert "Revert "Revert "feat: x"""\n\nThis reverts commit ${sha('c1')}.`),
      commit('c1', `Revert "Revert "feat: x""\n\nThis reverts commit ${sha('b1')}.`),
      commit('b1', `Revert "feat: x"\n\nThis reverts commit ${sha('a1')}.`),
      commit('a1', 'feat: x'),
    ],
    {
      bump: 'none',
      reasons: [],
      cancelled: [
        ['c1', 'd1'],
        ['a1', 'b1'],
      ],
    },
  ],
  [
    'revert of a released commit → patch',
    [commit('b1', `Revert "feat: x"\n\nThis reverts commit ${sha('99')}.`)],
    { bump: 'patch', reasons: [['b1', 'patch']], cancelled: [] },
  ],
  [
    'a given SHA decides alone, even when the header matches',
    [commit('b1', `Revert "feat: x"\n\nThis reverts commit ${sha('99')}.`), commit('a1', 'feat: x')],
    {
      bump: 'minor',
      reasons: [
        ['a1', 'minor'],
        ['b1', 'patch'],
      ],
      cancelled: [],
    },
  ],
  [
    'revert only pairs with an older commit',
    [commit('a1', 'feat: x'), commit('b1', 'revert: feat: x')],
    {
      bump: 'minor',
      reasons: [
        ['a1', 'minor'],
        ['b1', 'patch'],
      ],
      cancelled: [],
    },
  ],
  [
    'revert defaults to patch when the policy has no revert type',
    [commit('b1', 'revert: feat: x')],
    { bump: 'patch', reasons: [['b1', 'patch']], policy: { types: { feat: 'minor' } } },
  ],
  [
    'revert: none in the policy',
    [commit('b1', 'revert: feat: x')],
    { bump: 'none', reasons: [], policy: { types: { revert: 'none' } } },
  ],
  [
    'Release-As: the newest wins',
    [commit('a1', 'chore: x\n\nRelease-As: 3.0.0'), commit('a2', 'chore: y\n\nRelease-As: 2.0.0')],
    { bump: 'none', releaseAs: '3.0.0' },
  ],
  [
    'Release-As on a non-conventional commit',
    [commit('a1', 'fix: x'), commit('a2', 'Prepare 1.0\n\nRelease-As: 1.0.0')],
    { bump: 'patch', releaseAs: '1.0.0', nonConventional: ['a2'] },
  ],
  [
    'Release-As of a reverted commit ignored',
    [
      commit('b1', `Revert "chore: x"\n\nThis reverts commit ${sha('a1')}.`),
      commit('a1', 'chore: x\n\nRelease-As: 9.0.0'),
    ],
    { bump: 'none', releaseAs: null, cancelled: [['a1', 'b1']] },
  ],
  [
    'reasons sorted by level, stable within a level',
    [
      commit('a1', 'fix: one'),
      commit('a2', 'feat: two'),
      commit('a3', 'feat!: three'),
      commit('a4', 'feat: four'),
      commit('a5', 'perf: five'),
    ],
    {
      bump: 'major',
      reasons: [
        ['a3', 'major'],
        ['a2', 'minor'],
        ['a4', 'minor'],
        ['a1', 'patch'],
        ['a5', 'patch'],
      ],
    },
  ],
  [
    'squash sub-changes each count',
    [commit('a1', 'chore: pr\n\n* feat: a\n* fix: b')],
    {
      bump: 'minor',
      reasons: [
        ['a1', 'minor'],
        ['a1', 'patch'],
      ],
    },
  ],
  [
    'non-conventional title with conventional bullets is not listed as non-conventional',
    [commit('a1', 'Add login\n\n* fix: b')],
    { bump: 'patch', reasons: [['a1', 'patch']], nonConventional: [] },
  ],
  [
    'custom type mapping',
    [commit('a1', 'docs: x')],
    { bump: 'patch', reasons: [['a1', 'patch']], policy: { types: { docs: 'patch' } } },
  ],
  [
    'a type named like an Object.prototype key',
    [commit('a1', 'constructor: x'), commit('a2', 'toString: y')],
    { bump: 'none', reasons: [] },
  ],
  [
    'type mapped to none',
    [commit('a1', 'feat: x')],
    { bump: 'none', reasons: [], policy: { types: { feat: 'none' } } },
  ],
];

describe('decideBump', () => {
  it.each(decisions)('%s', (_name, commits, e) => {
    const decision = decideBump(commits, { ...policy, ...e.policy });
    expect(decision.bump).toBe(e.bump);
    if (e.reasons) {
      expect(decision.reasons.map((r) => [r.sha, r.bump])).toEqual(
        e.reasons.map(([label, bump]) => [sha(label), bump]),
      );
    }
    if (e.cancelled) {
      expect(decision.cancelled).toEqual(e.cancelled.map(([s, by]) => ({ sha: sha(s), by: sha(by) })));
    }
    if (e.nonConventional) expect(decision.nonConventional).toEqual(e.nonConventional.map(sha));
    if (e.releaseAs !== undefined) expect(decision.releaseAs).toBe(e.releaseAs);
  });

  it('explains each reason with the change', () => {
    const decision = decideBump([commit('a1', 'feat(api)!: drop v1')], policy);
    expect(decision.reasons).toEqual([
      { sha: sha('a1'), type: 'feat', scope: 'api', subject: 'drop v1', breaking: true, bump: 'major' },
    ]);
  });
});

describe('bumpForChange', () => {
  it.each([
    ['feat: x', 'minor'],
    ['fix: x', 'patch'],
    ['chore: x', null],
    ['chore!: x', 'major'],
    ['Big change\n\nBREAKING CHANGE: x', null],
    ['Revert "feat: x"', 'patch'],
  ] as const)('%s → %s', (message, level) => {
    expect(bumpForChange(parseCommitMessage(message)[0]!, policy)).toBe(level);
  });
});

type NextArgs = Parameters<typeof nextVersion>[0];
const next = (args: Partial<NextArgs>): string | null =>
  nextVersion({ current: '1.2.3', bump: 'none', policy, existingVersions: [], ...args });

// [name, arguments, expected version or an error pattern]
const versions: [string, Partial<NextArgs>, string | null | RegExp][] = [
  ['nothing to release', { bump: 'none' }, null],
  ['patch', { bump: 'patch' }, '1.2.4'],
  ['minor', { bump: 'minor' }, '1.3.0'],
  ['major', { bump: 'major' }, '2.0.0'],
  ['first release', { current: null, bump: 'patch' }, '0.1.0'],
  [
    'first release as 1.0.0 per policy',
    { current: null, bump: 'minor', policy: { ...policy, initialVersion: '1.0.0' } },
    '1.0.0',
  ],
  ['first release with nothing to release', { current: null, bump: 'none' }, null],
  ['0.x breaking bumps minor', { current: '0.3.1', bump: 'major' }, '0.4.0'],
  ['0.x feat bumps minor', { current: '0.3.1', bump: 'minor' }, '0.4.0'],
  ['0.x fix bumps patch', { current: '0.3.1', bump: 'patch' }, '0.3.2'],
  [
    '0.x breaking with preMajor off → 1.0.0',
    { current: '0.3.1', bump: 'major', policy: { ...policy, preMajor: false } },
    '1.0.0',
  ],
  [
    'preMajor off, feat on 0.x stays minor',
    { current: '0.3.1', bump: 'minor', policy: { ...policy, preMajor: false } },
    '0.4.0',
  ],
  ['rc.1', { bump: 'minor', prerelease: 'rc' }, '1.3.0-rc.1'],
  ['rc.2', { bump: 'minor', prerelease: 'rc', existingVersions: ['1.2.3', '1.3.0-rc.1'] }, '1.3.0-rc.2'],
  [
    'stable after rc tags',
    { bump: 'minor', existingVersions: ['1.2.3', '1.3.0-rc.1', '1.3.0-rc.2'] },
    '1.3.0',
  ],
  [
    'counter never reused across a gap',
    { bump: 'minor', prerelease: 'rc', existingVersions: ['1.3.0-rc.1', '1.3.0-rc.3'] },
    '1.3.0-rc.4',
  ],
  [
    'counters are per identifier',
    { bump: 'minor', prerelease: 'rc', existingVersions: ['1.3.0-beta.5'] },
    '1.3.0-rc.1',
  ],
  ['beta counter', { bump: 'minor', prerelease: 'beta', existingVersions: ['1.3.0-beta.5'] }, '1.3.0-beta.6'],
  [
    'counters are per target version',
    { bump: 'minor', prerelease: 'rc', existingVersions: ['1.4.0-rc.7', '1.2.3-rc.2'] },
    '1.3.0-rc.1',
  ],
  [
    'existing versions with a v',
    { bump: 'minor', prerelease: 'rc', existingVersions: ['v1.3.0-rc.1'] },
    '1.3.0-rc.2',
  ],
  [
    'current prerelease: bump from the last stable',
    {
      current: '1.3.0-rc.2',
      bump: 'minor',
      prerelease: 'rc',
      existingVersions: ['1.2.3', '1.3.0-rc.1', '1.3.0-rc.2'],
    },
    '1.3.0-rc.3',
  ],
  [
    'current prerelease without any stable',
    { current: '0.1.0-rc.1', bump: 'patch', prerelease: 'rc', existingVersions: ['0.1.0-rc.1'] },
    '0.1.0-rc.2',
  ],
  ['first release as rc', { current: null, bump: 'minor', prerelease: 'rc' }, '0.1.0-rc.1'],
  ['override', { bump: 'patch', releaseAs: '2.0.0' }, '2.0.0'],
  ['override with nothing to release', { bump: 'none', releaseAs: '1.5.0' }, '1.5.0'],
  ['override with v', { bump: 'none', releaseAs: 'v2.0.0' }, '2.0.0'],
  ['leaving 0.x by override', { current: '0.9.0', bump: 'major', releaseAs: '1.0.0' }, '1.0.0'],
  ['override as rc', { bump: 'none', releaseAs: '2.0.0', prerelease: 'rc' }, '2.0.0-rc.1'],
  ['override on a repo without releases', { current: null, releaseAs: '0.0.1' }, '0.0.1'],
  ['override not SemVer', { bump: 'patch', releaseAs: 'two' }, /"two" is not a valid SemVer/],
  ['override equal to current', { releaseAs: '1.2.3' }, /greater than the current version 1\.2\.3/],
  ['override lower than current', { releaseAs: '1.0.0' }, /greater than the current version/],
  ['current not SemVer', { current: 'latest', bump: 'patch' }, /"latest" is not a valid SemVer/],
  ['invalid prerelease id', { bump: 'patch', prerelease: 'r c' }, /not a valid SemVer/],
];

describe('nextVersion', () => {
  it.each(versions)('%s', (_name, args, want) => {
    if (want instanceof RegExp) expect(() => next(args)).toThrow(want);
    else expect(next(args)).toBe(want);
  });

  it('runs a prerelease sequence rc.1 → rc.2 → stable', () => {
    const tags = ['1.2.3'];
    const cut = (prerelease: string | null): string => {
      const version = next({ bump: 'minor', prerelease, existingVersions: tags });
      tags.push(version!);
      return version!;
    };
    expect([cut('rc'), cut('rc'), cut(null)]).toEqual(['1.3.0-rc.1', '1.3.0-rc.2', '1.3.0']);
  });

  it('goes from commits to a version', () => {
    const decision = decideBump([commit('a1', 'fix: y'), commit('a2', 'feat: x')], policy);
    expect(next({ current: '0.3.1', bump: decision.bump })).toBe('0.4.0');
  });
});
