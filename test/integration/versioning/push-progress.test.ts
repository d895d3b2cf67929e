import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TEST_IDENTITY, TestRepo, tempDir } from '../../support/git-fixture.js';

describe('a release pushed to origin', () => {
  let events: ProgressEvent[];
  let core: ReturnType<typeof testCore>;
  let repo: TestRepo;
  let remote: string;
  beforeEach(() => {
    events = [];
    core = testCore({ gitEnv: TEST_IDENTITY, progress: (event) => events.push(event) });
    repo = new TestRepo();
    remote = tempDir('release-desk-remote-');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('feat: start');
    repo.tag('v1.0.0');
    for (let i = 0; i < 5; i++) repo.commit(`feat: change ${i}`, { [`src/f${i}.txt`]: `${i}\n`.repeat(50) });
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
    rmSync(remote, { recursive: true, force: true });
  });

  it('reports git’s push progress on the progress stream ("Pushing… N%"), then that it ended', async () => {
    const outcome = await createRelease(core, repo.dir, { push: true });
    expect(outcome.pushed).toBe(true);
    const push = events.filter((event) => event.kind === 'push');
    expect(push.length).toBeGreaterThan(1);
    expect(new Set(push.map((event) => event.job))).toEqual(new Set(['release-push-v1.1.0']));
    expect(
      push.slice(0, -1).every((event) => /^Pushing… \d+% \(/.test(event.message) && !event.finished),
    ).toBe(true);
    expect(push.at(-1)).toMatchObject({ finished: true, message: 'Pushing: done' });
  });

  it('a push the remote refuses names git’s reason, and the progress still ends', async () => {
    const hook = path.join(remote, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    await expect(createRelease(core, repo.dir, { push: true })).rejects.toThrow(
      /\[remote rejected\] main -> main \(pre-receive hook declined\)/,
    );
    expect(events.filter((event) => event.kind === 'push').at(-1)).toMatchObject({ finished: true });
  });
});
