import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher, toApiError } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { DeskError } from '../../../src-main/core/errors.js';
import { runGit } from '../../../src-main/core/git/run-git.js';
import { parseDuration } from '../../../src-main/core/policy/durations.js';
import { parseWindowSpec } from '../../../src-main/core/policy/windows.js';
import { nextVersion } from '../../../src-main/core/versioning/bump.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

const core = testCore();
const repos: TestRepo[] = [];
afterAll(async () => {
  await core.dispose();
  repos.forEach((repo) => repo.remove());
});

const dispatch = createDispatcher({ handlers, isTrusted: () => true });
const call = (channel: string, input: unknown) =>
  dispatch(channel, input, { core, caller: { kind: 'test', trusted: true }, mode: 'browser' });

function newRepo(): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  return repo;
}

describe('errors reach the API result with their data', () => {
  it('a policy error carries the key and the line', async () => {
    const repo = newRepo();
    repo.commit('feat: one', {
      '.release-desk.yml': 'versioning:\n  tagPrefix: "v"\n  preMajor: sometimes\n',
    });
    const result = await call('release.plan', { path: repo.dir });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'policy-invalid', details: { policy: { key: 'versioning.preMajor', line: 3 } } },
    });
    if (!result.ok) expect(result.error.message).toMatch(/\.release-desk\.yml/);
  });

  it('a cherry-pick stopped on a conflict lists its files when the hotfix is finished', async () => {
    const repo = newRepo();
    repo.commit('feat: one', { 'x.txt': '1\n' });
    repo.tag('v1.0.0');
    repo.commit('feat: two', { 'x.txt': '2\n' });
    const fix = repo.commit('fix: three', { 'x.txt': '3\n' });
    expect(await call('hotfix.start', { path: repo.dir, from: 'v1.0.0' })).toMatchObject({ ok: true });
    const picked = await call('hotfix.pick', { path: repo.dir, shas: [fix] });
    expect(picked).toMatchObject({ ok: true, value: { conflict: { files: ['x.txt'] } } });

    const finish = await call('hotfix.finish', { path: repo.dir });
    expect(finish).toEqual({
      ok: false,
      error: {
        code: 'cherry-pick-in-progress',
        message: 'A cherry-pick is in progress: finish or abort it before you finish the hotfix.',
        details: { files: ['x.txt'] },
      },
    });
  });

  it('a git failure carries git’s own message', async () => {
    const repo = newRepo();
    repo.commit('feat: one');
    const error = await runGit(repo.dir, ['cat-file', '-p', 'no-such-object']).catch((e: unknown) => e);
    expect(toApiError(error)).toMatchObject({
      code: 'git-failed',
      details: { git: expect.stringContaining('no-such-object') },
    });
  });

  it('an error without details has none, and anything not a DeskError is internal', () => {
    expect(toApiError(new DeskError('not-found', 'gone'))).toEqual({ code: 'not-found', message: 'gone' });
    // Duck typing is not enough: only a DeskError's code is reported.
    const lookalike = Object.assign(new Error('looks like one'), { code: 'policy-invalid' });
    expect(toApiError(lookalike)).toEqual({ code: 'internal', message: 'looks like one' });
  });

  it('versions, durations and windows fail with specific codes, not internal', () => {
    const bad = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return toApiError(error).code;
      }
      return null;
    };
    expect(bad(() => parseDuration('soon'))).toBe('policy-invalid');
    expect(bad(() => parseWindowSpec('Fri 25:00-Mon 08:00'))).toBe('policy-invalid');
    expect(
      bad(() =>
        nextVersion({
          current: 'not-semver',
          bump: 'minor',
          policy: { preMajor: true } as never,
          existingVersions: [],
        }),
      ),
    ).toBe('invalid-version');
  });
});
