import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../../shared/domain/replay.js';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

/**
 * yargs' shape: after each stable release, a `-deno` prerelease tag of the same version on a
 * build commit beside main. Also an `-rc.1` made before its stable release, which is a step.
 */
function variantsFixture(): TestRepo {
  const repo = new TestRepo();
  const denoBuild = (version: string): void => {
    repo.git('checkout', '-q', '-b', `deno-${version}`);
    repo.commit(`chore: v${version} release (deno build)`);
    repo.tag(`v${version}-deno`);
    repo.git('checkout', '-q', 'main');
  };
  repo.commit('feat: first', { '.release-desk.yml': 'versioning:\n  initialVersion: 1.0.0\n' });
  repo.tag('v1.0.0');
  repo.commit('feat: b');
  repo.tag('v1.1.0-rc.1');
  repo.commit('fix: c');
  repo.tag('v1.1.0');
  denoBuild('1.1.0');
  repo.commit('feat: d');
  repo.tag('v1.2.0');
  denoBuild('1.2.0');
  return repo;
}

let repo: TestRepo;
let dataDir: string;
const core = testCore();
const dispatch = createDispatcher({ handlers, isTrusted: () => true });

beforeAll(() => {
  dataDir = tempDir('release-desk-data-');
  repo = variantsFixture();
});
afterAll(async () => {
  repo.remove();
  rmSync(dataDir, { recursive: true, force: true });
  await core.dispose();
});

async function cli(...args: string[]) {
  const capture = captureIo();
  const code = await runCli(['replay', ...args, '--repo', repo.dir, '--data-dir', dataDir], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('replay: variant tags of released versions', () => {
  it('leaves them out of the replayed releases, never as disagreements (exact JSON)', async () => {
    const { code, stdout, stderr } = await cli('--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      releases: 4,
      variants: 2,
      versionsAgreed: 4,
      notesCompared: 0,
      notesAgreed: 0,
      disagreements: [],
    });
  });

  it('says so in the header line, naming the newest', async () => {
    const { code, stdout } = await cli();
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Replayed 4 of 4 releases (tags "v" + SemVer; 2 variant tags of released versions left out, e.g. v1.2.0-deno)\n',
    );
    expect(stdout).toContain('Versions agreed  4 of 4');
    expect(stdout).not.toContain('Disagreements');
    const one = await cli('--since', 'v1.1.0');
    expect(one.stdout).toContain('Replayed 3 of 4 releases');
  });

  it('still replays a prerelease made before its stable release', async () => {
    const result = await dispatch(
      'release.replay',
      { path: repo.dir, since: 'v1.1.0-rc.1', limit: 1 },
      { core, caller: { kind: 'test', trusted: true }, mode: 'browser' },
    );
    expect(result.ok).toBe(true);
    const report = (result as { value: ReplayReport }).value;
    expect(report).toMatchObject({
      releases: 1,
      versionsAgreed: 1,
      releaseTags: 4,
      variantTags: ['v1.2.0-deno', 'v1.1.0-deno'],
      disagreements: [],
    });
  });

  it('refuses a variant as --since, saying why', async () => {
    const { code, stderr } = await cli('--since', 'v1.1.0-deno');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'release-desk replay: v1.1.0-deno is a variant tag of a released version (a prerelease tagged after its stable release), left out of the replay: --since takes a release tag such as v1.2.0.\n',
    );
  });
});
