import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

const core = testCore();
const repo = new TestRepo();
repo.commit('feat: one', { 'x.txt': '1\n' });
repo.tag('v1.0.0');
afterAll(async () => {
  await core.dispose();
  repo.remove();
});

const dispatch = createDispatcher({ handlers, isTrusted: () => true });
async function apiError(channel: string, input: unknown) {
  const result = await dispatch(channel, input, {
    core,
    caller: { kind: 'test', trusted: true },
    mode: 'browser',
  });
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

async function cli(...argv: string[]) {
  const out = captureIo({}, repo.dir);
  const [command = '', ...rest] = argv;
  const code = await runCli([command, '--data-dir', core.dataDir, ...rest], out.io);
  return { code, out: out.stdout(), err: out.stderr() };
}

describe('every CLI command goes through the dispatcher', () => {
  it('applies the channel’s schema: what the API rejects, the CLI rejects with the same words (exit 2)', async () => {
    const version = 'v1.0.0;reboot';
    const api = await apiError('promotion.start', { path: repo.dir, version, environment: 'staging' });
    expect(api.code).toBe('invalid-input');
    const run = await cli('promote', version, '--to', 'staging');
    expect(run.code).toBe(2);
    expect(run.err).toContain(`release-desk promote: ${api.message}\nUsage: release-desk promote`);
    expect(run.out).toBe('');
  });

  it('has the same bounds as the API, e.g. at most 1000 audit events per page', async () => {
    const api = await apiError('audit.list', { limit: 5000 });
    const run = await cli('audit', 'list', '--limit', '5000');
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe(`release-desk audit: ${api.message}`);
    expect((await cli('audit', 'list', '--limit', '1000')).code).toBe(0);
  });

  it('reports a refusal of the core with the same specific error as the API (exit 1)', async () => {
    const api = await apiError('train.freeze', { path: repo.dir });
    expect(api.code).toBe('not-found');
    const run = await cli('train', 'freeze', '--repo', repo.dir);
    expect(run).toEqual({ code: 1, out: '', err: `release-desk train: ${api.message}\n` });
  });

  it('reads the repository where the command points, not where it runs', async () => {
    const elsewhere = captureIo({}, '/');
    const code = await runCli(
      ['next-version', '--repo', repo.dir, '--json', '--data-dir', core.dataDir],
      elsewhere.io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(elsewhere.stdout())).toMatchObject({ current: '1.0.0', next: null, commits: 0 });
  });
});
