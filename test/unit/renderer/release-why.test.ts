import { describe, expect, it } from 'vitest';
import type { BumpReasonView, ReleaseEntry } from '../../../shared/domain/release.js';
import { filterEntries } from '../../../src-renderer/components/release/commit-filter.js';
import { countsText, summarizeWhy } from '../../../src-renderer/components/release/why.js';

const sha = (c: string): string => c.repeat(40);

function reason(sha: string, bump: BumpReasonView['bump'], subject = 'x'): BumpReasonView {
  return {
    sha,
    type: bump === 'patch' ? 'fix' : 'feat',
    scope: null,
    subject,
    breaking: bump === 'major',
    bump,
  };
}

describe('the Why list', () => {
  it('counts commits once each, at their highest level, and lists the deciding reasons', () => {
    // A squash merge with a breaking change and two features counts as one major commit.
    const reasons = [
      reason(sha('a'), 'minor', 'a feature'),
      reason(sha('b'), 'patch'),
      reason(sha('a'), 'major', 'a breaking change'),
      reason(sha('a'), 'minor', 'another feature'),
      reason(sha('c'), 'minor', 'c feature'),
      reason(sha('d'), 'patch'),
      reason(sha('c'), 'patch'),
    ];
    const why = summarizeWhy(reasons);
    expect(why.counts).toEqual([
      { bump: 'major', commits: 1 },
      { bump: 'minor', commits: 1 },
      { bump: 'patch', commits: 2 },
    ]);
    expect(countsText(why.counts)).toBe('major: 1 commit · minor: 1 commit · patch: 2 commits');
    expect(why.decisive.map((r) => r.subject)).toEqual(['a breaking change']);
    expect(why.all.map((r) => [r.bump, r.subject])).toEqual([
      ['major', 'a breaking change'],
      ['minor', 'a feature'],
      ['minor', 'another feature'],
      ['minor', 'c feature'],
      ['patch', 'x'],
      ['patch', 'x'],
      ['patch', 'x'],
    ]);
  });

  it('leaves out levels without commits, and has nothing to say without reasons', () => {
    const why = summarizeWhy([reason(sha('a'), 'patch'), reason(sha('b'), 'patch')]);
    expect(countsText(why.counts)).toBe('patch: 2 commits');
    expect(why.decisive).toHaveLength(2);
    expect(summarizeWhy([])).toEqual({ counts: [], decisive: [], all: [] });
  });
});

function entry(key: string, fields: Partial<ReleaseEntry>): ReleaseEntry {
  const [sha = ''] = key.split(':');
  return {
    key,
    sha,
    shortSha: sha.slice(0, 7),
    type: 'feat',
    scope: null,
    subject: '',
    breaking: false,
    author: 'Ada Tester',
    date: '2026-01-05T09:00:00Z',
    references: [],
    url: null,
    ...fields,
  };
}

describe('the commit filter', () => {
  const entries = [
    entry(`${sha('a')}:0`, { subject: 'onboarding', scope: '@acme/web' }),
    entry(`${sha('a')}:1`, { subject: 'add the Welcome screen', scope: 'ui, forms' }),
    entry(`${sha('b')}:0`, { subject: 'handle nulls', type: 'fix', author: 'Grace Hopper' }),
    entry(`${sha('c')}:0`, { subject: 'Tidy up', type: null }),
  ];
  const keys = (filter: string): string[] => filterEntries(entries, filter).map((e) => e.key);

  it.each([
    ['', [`${sha('a')}:0`, `${sha('a')}:1`, `${sha('b')}:0`, `${sha('c')}:0`]],
    ['   ', [`${sha('a')}:0`, `${sha('a')}:1`, `${sha('b')}:0`, `${sha('c')}:0`]],
    ['welcome', [`${sha('a')}:1`]],
    ['@ACME', [`${sha('a')}:0`]],
    ['forms', [`${sha('a')}:1`]],
    ['fix', [`${sha('b')}:0`]],
    ['grace', [`${sha('b')}:0`]],
    ['aaaaaaa', [`${sha('a')}:0`, `${sha('a')}:1`]],
    ['add screen', [`${sha('a')}:1`]],
    ['add nulls', []],
  ])('%j matches subject, scope, type, SHA or author: every word', (filter, expected) => {
    expect(keys(filter)).toEqual(expected);
  });
});
