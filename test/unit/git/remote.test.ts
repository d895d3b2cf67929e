import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import type { GitProgress } from '../../../src-main/core/git/remote.js';
import {
  fetchRefs,
  pushRefs,
  RemoteFailure,
  remoteNames,
  transferProgress,
} from '../../../src-main/core/git/remote.js';
import { tempDir, TestRepo } from '../../support/git-fixture.js';

const bareGit = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

/** simple-git reports a line of git's progress per chunk of output it reads: at least one here. */
function expectProgress(seen: GitProgress[]): void {
  expect(seen.length).toBeGreaterThan(0);
  for (const { progress, processed, total } of seen) {
    expect(progress).toBeGreaterThanOrEqual(0);
    expect(progress).toBeLessThanOrEqual(100);
    expect(processed).toBeLessThanOrEqual(total);
  }
}

describe('push and fetch', () => {
  let repo: TestRepo;
  let bare: string;
  beforeEach(() => {
    repo = new TestRepo();
    bare = tempDir('release-desk-bare-');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    repo.git('remote', 'add', 'origin', bare);
    for (let i = 0; i < 5; i++) repo.commit(`feat: change ${i}`);
    repo.tag('v1.0.0');
  });
  afterEach(() => {
    repo.remove();
    rmSync(bare, { recursive: true, force: true });
  });

  it('names the remotes', async () => {
    expect(await remoteNames(repo.dir)).toEqual(['origin']);
  });

  it('pushes a branch and a tag together, reporting git’s progress', async () => {
    const seen: GitProgress[] = [];
    await pushRefs(
      repo.dir,
      'origin',
      ['refs/heads/main:refs/heads/main', 'refs/tags/v1.0.0:refs/tags/v1.0.0'],
      {
        onProgress: (progress) => seen.push(progress),
      },
    );
    expect(bareGit(bare, 'rev-parse', 'main')).toBe(repo.head());
    expect(bareGit(bare, 'rev-parse', 'v1.0.0^{commit}')).toBe(repo.head());
    expectProgress(seen);
  });

  it('a rejected push throws git’s own message and moves nothing (atomic)', async () => {
    await pushRefs(repo.dir, 'origin', ['refs/heads/main:refs/heads/main']);
    const before = bareGit(bare, 'rev-parse', 'main');
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    repo.commit('fix: diverged');
    repo.tag('v1.0.1');
    const pushing = pushRefs(repo.dir, 'origin', [
      'refs/heads/main:refs/heads/main',
      'refs/tags/v1.0.1:refs/tags/v1.0.1',
    ]);
    await expect(pushing).rejects.toBeInstanceOf(RemoteFailure);
    await expect(pushing).rejects.toMatchObject({
      code: 'git-failed',
      message: expect.stringMatching(/^git push failed: ! \[rejected\] main -> main \(non-fast-forward\)/),
      gitMessage: expect.stringMatching(/\(atomic push failed\).*error: failed to push some refs/),
    });
    expect(bareGit(bare, 'rev-parse', 'main')).toBe(before);
    expect(() => bareGit(bare, 'rev-parse', '--verify', '--quiet', 'refs/tags/v1.0.1')).toThrow();
  });

  it('fetches into a ref of ours, with progress; a missing remote ref is git’s message', async () => {
    const other = new TestRepo();
    try {
      for (let i = 0; i < 5; i++) other.commit(`feat: theirs ${i}`);
      other.git('push', '-q', bare, 'main:refs/heads/theirs');
      const seen: GitProgress[] = [];
      await fetchRefs(repo.dir, 'origin', ['+refs/heads/theirs:refs/remotes/origin/theirs'], {
        onProgress: (progress) => seen.push(progress),
      });
      expect(repo.git('rev-parse', 'refs/remotes/origin/theirs')).toBe(other.head());
      expectProgress(seen);
      await expect(
        fetchRefs(repo.dir, 'origin', ['refs/heads/nope:refs/remotes/origin/nope']),
      ).rejects.toMatchObject({
        gitMessage: expect.stringMatching(/couldn't find remote ref refs\/heads\/nope/),
      });
    } finally {
      other.remove();
    }
  });

  it('refuses a remote name that git would read as an option, before git runs', async () => {
    await expect(pushRefs(repo.dir, '--receive-pack=touch pwned', ['main'])).rejects.toMatchObject({
      code: 'invalid-ref',
    });
    await expect(fetchRefs(repo.dir, '-x', ['main'])).rejects.toMatchObject({ code: 'invalid-ref' });
  });

  it('turns progress into "Pushing… N%" events on a flow’s stream, then one finished event', () => {
    const events: ProgressEvent[] = [];
    const progress = transferProgress((event) => events.push(event), 'job-1', 'push');
    progress.onProgress({ stage: 'writing', progress: 40, processed: 2, total: 5 });
    progress.end();
    expect(events).toEqual([
      {
        job: 'job-1',
        kind: 'push',
        message: 'Pushing… 40% (writing 2/5)',
        done: 2,
        total: 5,
        finished: false,
      },
      { job: 'job-1', kind: 'push', message: 'Pushing: done', done: null, total: null, finished: true },
    ]);
  });
});
