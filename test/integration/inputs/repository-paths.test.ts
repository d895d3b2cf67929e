import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectRepository, mainWorkingCopy } from '../../../src-main/core/git/repository-state.js';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TEST_IDENTITY, TestRepo, tempDir } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let base: string;
beforeEach(() => {
  core = testCore({ now: () => new Date('2026-02-03T10:00:00Z'), gitEnv: TEST_IDENTITY });
  base = tempDir('release-desk-paths-');
});
afterEach(async () => {
  await core.dispose();
  rmSync(base, { recursive: true, force: true });
});

/** A repository at `dir` with a release v1.0.0 and a feature after it. */
function releasable(dir: string): TestRepo {
  mkdirSync(dir, { recursive: true });
  const repo = new TestRepo(dir);
  repo.commit('feat: first');
  repo.tag('v1.0.0');
  repo.commit('feat: second');
  return repo;
}

describe('a repository path with odd characters', () => {
  // Each name starts with the name of another repository beside it, which a path cut at the
  // odd character (or trimmed) would name instead.
  for (const name of ['repo\nx', 'repo\n', 'repo\tx', 'repo"x', "repo'x", 'repo x ', 'repo\\x']) {
    it(`is released where it is: ${JSON.stringify(name)}`, async () => {
      const decoy = releasable(path.join(base, 'repo'));
      const before = { head: decoy.head(), tags: decoy.git('tag') };
      const repo = releasable(path.join(base, name));
      expect((await inspectRepository(repo.dir)).root).toBe(repo.dir);
      expect(await mainWorkingCopy(repo.dir)).toBe(repo.dir);
      const result = await createRelease(core, repo.dir, {});
      expect(result).toMatchObject({ version: '1.1.0' });
      expect(repo.git('tag', '--points-at', 'HEAD')).toBe('v1.1.0');
      expect({ head: decoy.head(), tags: decoy.git('tag') }).toEqual(before);
    });
  }

  it('is refused when its bytes are not UTF-8, never taken for the directory its text names', async () => {
    const decoy = releasable(path.join(base, 'r\uFFFD'));
    const before = { head: decoy.head(), tags: decoy.git('tag') };
    releasable(path.join(base, 'staging'));
    const raw = Buffer.concat([Buffer.from(`${base}/r`), Buffer.from([0xff])]);
    renameSync(path.join(base, 'staging'), raw);
    // How Node hands such a path over (argv, cwd): the byte becomes U+FFFD.
    const asText = raw.toString('utf8');
    expect(asText).toBe(decoy.dir);
    await expect(createRelease(core, asText, {})).rejects.toThrow(
      `${asText} contains bytes that are not UTF-8 (shown as \uFFFD): Release Desk cannot tell which directory that is. Rename it.`,
    );
    expect({ head: decoy.head(), tags: decoy.git('tag') }).toEqual(before);
  });
});
