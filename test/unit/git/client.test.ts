import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGitTask } from '../../../src-main/core/git/client.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('the simple-git runner', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
    repo.commit('feat: first');
  });
  afterEach(() => repo.remove());

  it('returns exit codes listed as answers, and fails with git’s message otherwise', async () => {
    const missing = await runGitTask(repo.dir, ['rev-parse', '--verify', '--quiet', 'refs/tags/none'], {
      okExitCodes: [1],
    });
    expect(missing).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    await expect(runGitTask(repo.dir, ['rev-parse', '--verify', 'refs/tags/none'])).rejects.toMatchObject({
      code: 'git-failed',
      message: 'git rev-parse failed: fatal: Needed a single revision',
    });
  });

  it('passes the environment we give, editors and identities included', async () => {
    const { stdout } = await runGitTask(repo.dir, ['var', 'GIT_EDITOR'], { env: { GIT_EDITOR: 'true' } });
    expect(stdout.trim()).toBe('true');
  });

  it('refuses an option that would run a program, before git runs', async () => {
    const marker = path.join(repo.dir, 'ran');
    await expect(
      runGitTask(repo.dir, ['fetch', `--upload-pack=touch ${marker}`, 'origin']),
    ).rejects.toMatchObject({
      code: 'git-failed',
      message: expect.stringMatching(/^git fetch failed: .*upload/i),
    });
    expect(existsSync(marker)).toBe(false);
  });

  it('fails with git-failed for a directory that does not exist', async () => {
    await expect(runGitTask(path.join(repo.dir, 'nope'), ['status'])).rejects.toMatchObject({
      code: 'git-failed',
    });
  });
});
