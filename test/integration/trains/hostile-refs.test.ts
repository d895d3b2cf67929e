import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { DeskError } from '../../../src-main/core/errors.js';
import { commitContains } from '../../../src-main/core/hotfix/commit-contains.js';
import { hotfixCandidates, pickIntoHotfix } from '../../../src-main/core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { cutTrain } from '../../../src-main/core/trains/cut-train.js';
import { pickOntoTrain } from '../../../src-main/core/trains/pick-train.js';
import { captureIo } from '../../support/cli-io.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

const HOSTILE = ['--upload-pack=touch /tmp/pwned', '-x', 'a..b', 'main@{1}', 'bad name', '--end-of-options'];

/**
 * A `git` first on PATH that records every call and then runs the real git: proof that
 * hostile names never reach a git process at all.
 */
function recordingGit(): { dir: string; calls: () => string[]; reset: () => void } {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = tempDir('release-desk-fake-git-');
  const log = path.join(dir, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(
    path.join(dir, 'git'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`,
  );
  chmodSync(path.join(dir, 'git'), 0o755);
  return {
    dir,
    calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    reset: () => writeFileSync(log, ''),
  };
}

describe('refs typed by users', () => {
  const repo = new TestRepo();
  const core = testCore();
  const fake = recordingGit();
  const originalPath = process.env.PATH;
  const dispatch = createDispatcher({ handlers, isTrusted: () => true });

  beforeAll(() => {
    repo.commit('feat: one');
    repo.tag('v1.0.0');
    process.env.PATH = `${fake.dir}${path.delimiter}${originalPath ?? ''}`;
  });
  afterAll(async () => {
    process.env.PATH = originalPath;
    await core.dispose();
    repo.remove();
  });
  beforeEach(() => fake.reset());

  it('the fake git on PATH does record calls (the check below can fail)', async () => {
    await commitContains(repo.dir, 'v1.0.0');
    expect(fake.calls().length).toBeGreaterThan(0);
  });

  for (const name of HOSTILE) {
    it(`rejects ${JSON.stringify(name)} in every core action with invalid-ref and runs no git`, async () => {
      const attempts: Promise<unknown>[] = [
        cutTrain(core, repo.dir, name),
        pickOntoTrain(core, repo.dir, ['abc1234', name]),
        startHotfix(core, repo.dir, name),
        pickIntoHotfix(core, repo.dir, [name]),
        hotfixCandidates(core, repo.dir, { ref: name }),
        commitContains(repo.dir, name),
      ];
      for (const attempt of attempts) {
        const error = await attempt.then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DeskError);
        expect((error as DeskError).code).toBe('invalid-ref');
        expect((error as DeskError).message).toContain(name);
      }
      expect(fake.calls()).toEqual([]);
    });
  }

  it('is rejected the same way through the API and the CLI, before git runs', async () => {
    const ctx = { core, caller: { kind: 'test' as const, trusted: true }, mode: 'browser' as const };
    for (const [channel, input] of [
      ['train.cut', { path: repo.dir, at: '--upload-pack=x' }],
      ['train.pick', { path: repo.dir, shas: ['-x'] }],
      ['hotfix.start', { path: repo.dir, from: '--upload-pack=x' }],
      ['hotfix.pick', { path: repo.dir, shas: ['a..b'] }],
      ['commit.contains', { path: repo.dir, sha: '--output=/tmp/x' }],
    ] as const) {
      const result = await dispatch(channel, input, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-ref' } });
    }
    for (const argv of [
      ['train', 'cut', '--repo', repo.dir, '--at=--upload-pack=x'],
      ['train', 'pick', '--repo', repo.dir, '--', '-x'],
      ['hotfix', 'start', '--repo', repo.dir, '--from=--upload-pack=x'],
      ['hotfix', 'pick', '--repo', repo.dir, 'a..b'],
      ['contains', '--repo', repo.dir, '--', '--output=/tmp/x'],
    ]) {
      const out = captureIo();
      const [command = '', ...rest] = argv;
      expect(await runCli([command, '--data-dir', core.dataDir, ...rest], out.io)).toBe(1);
      expect(out.stderr()).toMatch(/Invalid (revision|tag) name/);
    }
    expect(fake.calls()).toEqual([]);
  });
});
