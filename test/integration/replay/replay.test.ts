import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';
import { replayFixture } from '../../support/replay-fixture.js';

let repo: TestRepo;
let dataDir: string;
beforeAll(() => {
  dataDir = tempDir('release-desk-data-');
  repo = replayFixture();
});
afterAll(() => {
  repo.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(dir: string, ...args: string[]) {
  const capture = captureIo();
  const code = await runCli(['replay', ...args, '--repo', dir, '--data-dir', dataDir], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

const MANUAL_MAJOR = {
  tag: 'v2.0.0',
  expected: '2.0.0',
  got: '1.2.0',
  reason:
    'the shipped release was a manual major (no breaking change in its commits: 5 commits: 2 chore, 1 feat, 1 fix, 1 non-conventional); Release Desk gives 1.2.0',
};
const README_IN_NOTES = {
  tag: 'v2.0.0',
  expected: '3 note entries',
  got: '2 note entries',
  reason: 'the shipped notes list 1 entry Release Desk leaves out (non-conventional commits)',
};
const DEPS_AS_FIX = {
  tag: 'v1.1.2',
  expected: '1.1.2',
  got: null,
  reason:
    'release-please counts `chore(deps)` as a fix: the shipped patch has 1 dependency update and no fix (1 commit: 1 chore(deps)); Release Desk releases nothing for them',
};
const DEPS_IN_NOTES = {
  tag: 'v1.1.1',
  expected: '2 note entries',
  got: '1 note entry',
  reason:
    "the shipped notes list 1 entry of types Release Desk's notes leave out (1 chore(deps); versioning.sections)",
};
const PATCH_AS_MINOR = {
  tag: 'v1.1.0',
  expected: '1.1.0',
  got: '1.0.1',
  reason:
    'a patch released as a minor: no commit since v1.0.0 is a feature or breaking (2 commits: 1 chore, 1 fix)',
};

describe('release-desk replay', () => {
  it('replays every release newest first and explains each disagreement (exact JSON)', async () => {
    const tagsBefore = repo.git('tag', '--list');
    const headBefore = repo.head();
    const { code, stdout, stderr } = await cli(repo.dir, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      releases: 7,
      variants: 0,
      versionsAgreed: 3,
      notesCompared: 5,
      notesAgreed: 3,
      disagreements: [
        {
          tag: 'v1.0.1',
          expected: '1.0.1',
          got: null,
          reason: 'the tagged commit adds no commit since v1.0.0: Release Desk has nothing to release',
        },
        MANUAL_MAJOR,
        README_IN_NOTES,
        DEPS_AS_FIX,
        DEPS_IN_NOTES,
        PATCH_AS_MINOR,
      ],
    });
    // In memory only: the repository keeps its tags, HEAD and clean working tree.
    expect(repo.git('tag', '--list')).toBe(tagsBefore);
    expect(repo.head()).toBe(headBefore);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('prints the agreement, the causes and each disagreement by default', async () => {
    const { code, stdout } = await cli(repo.dir);
    expect(code).toBe(0);
    expect(stdout).toContain('Replayed 7 of 7 releases (tags "v" + SemVer)');
    expect(stdout).toContain('Versions agreed  3 of 7');
    expect(stdout).toContain('Notes agreed     3 of 5');
    expect(stdout).toContain('1  a patch released as a minor');
    expect(stdout).toContain('  v1.1.0  version: shipped 1.1.0, Release Desk 1.0.1\n');
    expect(stdout).toContain('  v1.1.2  version: shipped 1.1.2, Release Desk nothing to release\n');
  });

  it('--since starts at a release tag and --limit caps the releases replayed', async () => {
    const { code, stdout } = await cli(repo.dir, '--since', 'v1.1.2', '--limit', '3', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      releases: 3,
      variants: 0,
      versionsAgreed: 1,
      notesCompared: 2,
      notesAgreed: 1,
      disagreements: [DEPS_AS_FIX, DEPS_IN_NOTES, PATCH_AS_MINOR],
    });
    const limited = JSON.parse((await cli(repo.dir, '--limit', '1', '--json')).stdout);
    expect(limited).toMatchObject({ releases: 1, versionsAgreed: 0, notesCompared: 0 });
    expect(limited.disagreements.map((d: { tag: string }) => d.tag)).toEqual(['v1.0.1']);
  });

  it('refuses a --since that is no release tag and a --limit that is no positive count', async () => {
    const since = await cli(repo.dir, '--since', 'nosuchtag');
    expect(since.code).toBe(1);
    expect(since.stderr).toBe(
      'release-desk replay: No release tag "nosuchtag" to start from: --since takes a release tag such as v1.0.1.\n',
    );
    for (const limit of ['0', '-2', '1.5', 'ten']) {
      const bad = await cli(repo.dir, `--limit=${limit}`);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(
        `release-desk replay: --limit must be a whole number of releases, at least 1, got "${limit}"`,
      );
      expect(bad.stdout).toBe('');
    }
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    const capture = captureIo();
    const io = { ...capture.io, stderrIsTTY: true };
    const code = await runCli(['replay', '--repo', repo.dir, '--data-dir', dataDir, '--json'], io);
    expect(code).toBe(0);
    expect(capture.stderr()).toContain('░ Replaying 7 releases');
    // Wiped at the end, so the terminal keeps only the answer.
    expect(capture.stderr().endsWith('\r\x1b[K')).toBe(true);
    expect(JSON.parse(capture.stdout())).toMatchObject({ releases: 7 });
  });

  it('says plainly when the repository has no release tags', async () => {
    const bare = new TestRepo();
    try {
      bare.commit('feat: one');
      const none = await cli(bare.dir);
      expect(none.code).toBe(1);
      expect(none.stderr).toBe(
        'release-desk replay: No release tags to replay: the repository has no tags. Release tags are versioning.tagPrefix + SemVer (set tagPrefix in .release-desk.yml).\n',
      );
      bare.tag('build-42');
      bare.tag('pkg@1.2.0');
      const other = await cli(bare.dir, '--json');
      expect(other.code).toBe(1);
      expect(other.stdout).toBe('');
      expect(other.stderr).toContain(
        'none of its 2 tags is "v" followed by a SemVer version (e.g. "pkg@1.2.0")',
      );
    } finally {
      bare.remove();
    }
  });
});
