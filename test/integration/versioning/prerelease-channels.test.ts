import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import { captureIo } from '../../support/cli-io.js';
import { tempDir, type TestRepo } from '../../support/git-fixture.js';
import { repoSession } from '../../support/repo-session.js';

const session = repoSession();
const newRepo = () => session.newRepo();

async function channels(repo: TestRepo): Promise<string[]> {
  return (await planRelease(session.core, repo.dir, { changelog: false })).view.channels;
}

describe("the repository's open prerelease channels", () => {
  it('are its unreleased prereleases’ channels, the highest first; a finished rc line is not one', async () => {
    const repo = newRepo();
    repo.commit('feat: first');
    repo.tag('v1.0.0-rc.0');
    repo.commit('fix: before the release');
    repo.tag('v1.0.0');
    repo.commit('feat: the next minor');
    repo.tag('v1.1.0-beta.0');
    repo.commit('feat: and the one after');
    repo.tag('v1.2.0-next.0');
    expect(await channels(repo)).toEqual(['next', 'beta']);
  });

  it('leave out a variant tagged after its version was released (yargs’ `-deno`)', async () => {
    const repo = newRepo();
    repo.commit('feat: first');
    repo.tag('v18.0.0');
    repo.commit('build: deno bundle');
    repo.tag('v18.0.0-deno');
    repo.commit('fix: later');
    expect(await channels(repo)).toEqual([]);
  });

  it('are named by next-version as the way to continue the latest prerelease', async () => {
    const repo = newRepo();
    repo.commit('feat: first');
    repo.tag('v22.0.0');
    repo.commit('feat: new builder');
    repo.tag('v22.1.0-next.3');
    repo.commit('fix: after it');
    const out = captureIo({ RELEASE_DESK_HOME: tempDir('rd-channels-') }, repo.dir);
    expect(await runCli(['next-version'], out.io)).toBe(0);
    expect(out.stdout()).toContain(
      'Latest prerelease v22.1.0-next.3 (bumps count from the last stable release; --prerelease next continues it)',
    );
    const next = captureIo({ RELEASE_DESK_HOME: tempDir('rd-channels-') }, repo.dir);
    expect(await runCli(['next-version', '--prerelease', 'next', '--json'], next.io)).toBe(0);
    expect(JSON.parse(next.stdout())).toMatchObject({ next: '22.1.0-next.4' });
  });
});
