import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TEST_IDENTITY, TestRepo } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
beforeEach(() => {
  core = testCore({ now: () => new Date('2026-02-03T10:00:00Z'), gitEnv: TEST_IDENTITY });
  repo = new TestRepo();
});
afterEach(async () => {
  await core.dispose();
  rmSync(repo.dir, { recursive: true, force: true });
});

function withVersionFile(pattern: string, content: string): void {
  repo.commit('feat: start', {
    'src/version.ts': content,
    '.release-desk.yml': `versioning:\n  files:\n    - path: src/version.ts\n      pattern: ${JSON.stringify(pattern)}\n`,
  });
  repo.tag('v1.0.0');
  repo.commit('feat: more');
}

describe('versioning.files in a release', () => {
  it('rewrites the version where the placeholder stands', async () => {
    withVersionFile("VERSION = '{version}'", "export const VERSION = '1.0.0';\n");
    await createRelease(core, repo.dir, {});
    expect(readFileSync(path.join(repo.dir, 'src/version.ts'), 'utf8')).toBe(
      "export const VERSION = '1.1.0';\n",
    );
  });

  it('stops a pattern that backtracks catastrophically, even for a dry run, changing nothing', async () => {
    withVersionFile('^(a+)+$', `${'a'.repeat(40)}b\n`);
    const head = repo.head();
    await expect(createRelease(core, repo.dir, { dryRun: true })).rejects.toThrow(
      'The version pattern for src/version.ts took over 1 s to search it (it backtracks too much)',
    );
    await expect(createRelease(core, repo.dir, {})).rejects.toThrow('backtracks too much');
    expect({ head: repo.head(), tags: repo.git('tag'), status: repo.git('status', '--porcelain') }).toEqual({
      head,
      tags: 'v1.0.0',
      status: '',
    });
  });
});
