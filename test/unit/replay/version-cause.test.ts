import { describe, expect, it } from 'vitest';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import { parseCommitMessage } from '../../../src-main/core/commits/parse-message.js';
import { defaultPolicy } from '../../../src-main/core/policy/load-policy.js';
import type { TimelineRelease } from '../../../src-main/core/replay/tag-timeline.js';
import { versionCause } from '../../../src-main/core/replay/version-cause.js';
import { decideBump } from '../../../src-main/core/versioning/bump.js';

const policy = defaultPolicy().versioning;

function commits(...messages: string[]): CommitRecord[] {
  return messages.map((message, i) => ({
    sha: `${String(i + 1).padStart(7, '0')}${'a'.repeat(33)}`,
    parents: ['p'],
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    date: '2026-01-05T09:00:00Z',
    message,
    changes: parseCommitMessage(message),
  }));
}

function release(version: string, prefix = 'v'): TimelineRelease & { prefix: string } {
  return {
    name: `${prefix}${version}`,
    version,
    sha: 'x',
    created: 0,
    prerelease: version.includes('-'),
    prefix,
  };
}

/** The cause for a release of `expected` over `messages` since `from`, Release Desk giving `got`. */
function cause(args: {
  expected: string;
  got: string | null;
  from: string | null;
  messages: string[];
  earlier?: string[];
  /** Releases tagged behind another prefix before it: [prefix, version]. */
  other?: [string, string][];
  preMajor?: boolean;
}) {
  const range = commits(...args.messages);
  return versionCause({
    expected: args.expected,
    got: args.got,
    from: args.from === null ? null : { name: `v${args.from}`, version: args.from },
    commits: range,
    decision: decideBump(range, policy),
    policy: { ...policy, preMajor: args.preMajor ?? policy.preMajor },
    earlier: (args.earlier ?? (args.from ? [args.from] : [])).map((version) => release(version)),
    otherEarlier: (args.other ?? []).map(([prefix, version]) => release(version, prefix)),
    tagPrefix: 'v',
  });
}

describe('versionCause', () => {
  it('names a bump the shipped release went beyond, with what the commits hold', () => {
    expect(
      cause({ expected: '2.0.0', got: '1.3.0', from: '1.2.0', messages: ['feat: a', 'fix: b'] }),
    ).toEqual({
      cause: 'a manual major (no breaking change in its commits)',
      reason:
        'the shipped release was a manual major (no breaking change in its commits: 2 commits: 1 feat, 1 fix); Release Desk gives 1.3.0',
    });
    expect(cause({ expected: '1.3.0', got: '1.2.1', from: '1.2.0', messages: ['fix: b'] }).cause).toBe(
      'a patch released as a minor',
    );
  });

  it('names the decisive change the shipped release did not count', () => {
    expect(
      cause({ expected: '1.2.1', got: '1.3.0', from: '1.2.0', messages: ['fix: b', 'feat(api): add x'] }),
    ).toEqual({
      cause: 'a feature released as a patch',
      reason:
        'the project released a feature as a patch (its own choice): `feat(api): add x` (0000002); Release Desk gives 1.3.0',
    });
    expect(
      cause({ expected: '1.3.0', got: '2.0.0', from: '1.2.0', messages: ['feat!: drop y', 'feat: z'] })
        .reason,
    ).toBe(
      'the project released a breaking change as a minor (its own choice): `feat!: drop y` (0000001); Release Desk gives 2.0.0',
    );
    expect(cause({ expected: '1.0.0', got: '0.5.0', from: '0.4.0', messages: ['feat!: drop y'] }).cause).toBe(
      'a breaking change before 1.0.0',
    );
  });

  it('tells dependency updates and non-conventional ranges from an empty one', () => {
    expect(
      cause({ expected: '1.2.1', got: null, from: '1.2.0', messages: ['chore(deps): bump a', 'docs: b'] }),
    ).toEqual({
      cause: 'release-please counts `chore(deps)` as a fix',
      reason:
        'release-please counts `chore(deps)` as a fix: the shipped patch has 1 dependency update and no fix (2 commits: 1 chore(deps), 1 docs); Release Desk releases nothing for them',
    });
    expect(
      cause({ expected: '1.3.0', got: null, from: '1.2.0', messages: ['chore(deps): bump a'] }).cause,
    ).toBe('a release with no feature or fix in its commits');
    expect(cause({ expected: '1.3.0', got: null, from: '1.2.0', messages: ['Add a', 'Tidy b'] }).reason).toBe(
      'shipped as a minor of 2 commits since v1.2.0, none of them a Conventional Commit: Release Desk finds nothing to release',
    );
    expect(cause({ expected: '1.2.1', got: null, from: '1.2.0', messages: [] }).cause).toBe(
      'a tag on an already released commit',
    );
  });

  it('explains prerelease counters, a prerelease after its release, skipped versions and other lines', () => {
    expect(
      cause({
        expected: '2.0.0-rc.0',
        got: '2.0.0-rc.1',
        from: '1.2.0',
        messages: ['feat!: x'],
        earlier: ['1.2.0'],
      }).reason,
    ).toBe(
      'prerelease counter: the shipped 2.0.0-rc.0 starts a new series at 0; Release Desk starts it at 1, as the repository has no prerelease tag yet (2.0.0-rc.1)',
    );
    expect(cause({ expected: '1.1.9', got: '1.2.1', from: '1.2.0', messages: ['fix: x'] })).toEqual({
      cause: 'a version below the previous release',
      reason:
        "the shipped 1.1.9 is not above v1.2.0, the newest stable release in the tagged commit's history",
    });
    expect(cause({ expected: '1.2.2', got: '1.2.1', from: '1.2.0', messages: ['fix: b'] }).reason).toBe(
      'the shipped 1.2.2 skips 1.2.1, a patch above v1.2.0 that was never tagged',
    );
    expect(
      cause({
        expected: '3.1.0',
        got: '2.1.0',
        from: '2.0.0',
        messages: ['feat: x'],
        earlier: ['2.0.0', '3.0.0'],
      }).reason,
    ).toBe(
      "Release Desk counts from v2.0.0, the newest stable release in the tagged commit's history; the shipped 3.1.0 follows v3.0.0, which is not in it (a release on another line)",
    );
    expect(
      cause({
        expected: '3.5.41',
        got: '3.7.0',
        from: '3.5.40',
        messages: ['fix: x'],
        earlier: ['3.5.40', '3.6.0-rc.2'],
      }).reason,
    ).toBe(
      "Release Desk's patch from v3.5.40 moves past 3.6.0, claimed by v3.6.0-rc.2 (made before it), to 3.7.0; the shipped 3.5.41 stays on its own line",
    );
  });

  it('names a Release-As footer and a first release off the initial version', () => {
    expect(
      cause({ expected: '1.3.0', got: '5.0.0', from: '1.2.0', messages: ['fix: x\n\nRelease-As: 5.0.0'] })
        .cause,
    ).toBe('a Release-As footer');
    expect(cause({ expected: '1.0.0', got: '0.1.0', from: null, messages: ['feat: x'] }).reason).toBe(
      'no stable release before it: Release Desk starts at 0.1.0 (versioning.initialVersion), the shipped release is 1.0.0',
    );
  });

  it('tells the project’s own choices apart: another tag prefix, features as patches in 0.x, free-form histories', () => {
    // Angular CLI tagged 13.x–18.x without the `v`: counted from v12.1.0, 19.0.0 looks like a jump.
    expect(
      cause({
        expected: '19.0.0',
        got: '13.0.0',
        from: '12.1.0',
        messages: ['feat!: x'],
        other: [
          ['', '13.0.0'],
          ['', '18.2.0'],
          ['conventional-changelog-v', '14.0.0'],
        ],
      }),
    ).toEqual({
      cause: 'releases tagged with another prefix',
      reason:
        'the project tagged 2 releases before 19.0.0 without the tag prefix "v" (e.g. 18.2.0), which Release Desk does not see (versioning.tagPrefix): it counts from v12.1.0 and gives 13.0.0',
    });
    // A version tagged both ways is seen: it hides nothing.
    expect(
      cause({
        expected: '1.0.0-beta.10',
        got: '1.1.0-beta.0',
        from: '0.1.0',
        messages: ['feat: x'],
        earlier: ['0.1.0', '1.0.0-beta.9'],
        other: [['', '1.0.0-beta.9']],
      }).cause,
    ).not.toBe('releases tagged with another prefix');
    expect(
      cause({
        expected: '16.2.2',
        got: '16.2.1',
        from: '16.2.0',
        messages: ['fix: b'],
        other: [['yargs-v', '16.2.1']],
      }).reason,
    ).toBe(
      'the shipped 16.2.2 follows 16.2.1, which the project tagged as yargs-v16.2.1: another prefix than "v", which Release Desk does not see (versioning.tagPrefix)',
    );
    expect(
      cause({ expected: '0.0.9', got: '0.1.0', from: '0.0.8', messages: ['feat(writer): links'] }).reason,
    ).toBe(
      'before 1.0.0 the project released features as patches (standard-version does so in 0.x); Release Desk gives a minor (0.1.0) for `feat(writer): links` (0000001)',
    );
    expect(
      cause({
        expected: '3.32.0',
        got: null,
        from: '3.31.0',
        messages: ['Merge #344', 'docs tweak', 'Add code of conduct', 'nit: typo'],
      }),
    ).toEqual({
      cause: 'a release of non-conventional commits only',
      reason:
        'shipped as a minor of 4 commits since v3.31.0, 3 of them not Conventional Commits (the project did not write them yet) and none a feature or fix (4 commits: 3 non-conventional, 1 nit): Release Desk finds nothing to release',
    });
  });

  it('says a prerelease counter differs, not the 0.x rule, when only the counter does', () => {
    expect(
      cause({
        expected: '1.0.0-beta.30',
        got: '1.0.0-beta.29',
        from: '0.1.0',
        messages: ['feat!: x'],
        earlier: ['0.1.0', '1.0.0-beta.28'],
      }).reason,
    ).toBe(
      'prerelease counter: the shipped 1.0.0-beta.30, Release Desk 1.0.0-beta.29 (earlier: 1.0.0-beta.28)',
    );
    expect(
      cause({ expected: '16.0.0-deno.beta.0', got: '16.0.0-deno.0', from: '15.4.0', messages: ['feat!: x'] })
        .reason,
    ).toBe(
      'the shipped prerelease 16.0.0-deno.beta.0 names its channel in several parts (deno.beta): Release Desk numbers prereleases as -ID.N (16.0.0-deno.0)',
    );
    // Past a version a line claims (Angular CLI's 1.0.0 betas): that moved it, not the 0.x rule.
    expect(
      cause({
        expected: '1.0.0-beta.5',
        got: '2.0.0-beta.0',
        from: '0.1.0',
        messages: ['feat!: x'],
        earlier: ['0.1.0', '1.0.0-beta.4'],
      }).reason,
    ).toBe(
      "Release Desk's minor from v0.1.0 moves past 1.0.0, claimed by v1.0.0-beta.4 (made before it), to 2.0.0-beta.0; the shipped 1.0.0-beta.5 stays on its own line",
    );
    // Counting from another line's release would not change a major: the breaking change decides.
    expect(
      cause({
        expected: '3.6.0-beta.9',
        got: '4.0.0-beta.1',
        from: '3.5.30',
        messages: ['feat(vapor)!: opt-in delegation'],
        earlier: ['3.5.30', '3.5.31', '3.6.0-beta.8'],
      }).cause,
    ).toBe('a breaking change released as a minor');
  });
});
