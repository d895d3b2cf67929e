import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

describe('release-desk train / hotfix / contains (CLI contract)', () => {
  let repo: TestRepo;
  let dataDir: string;
  let remote: string;

  beforeEach(() => {
    repo = new TestRepo();
    dataDir = tempDir('release-desk-cli-data-');
    remote = tempDir('release-desk-remote-');
    execFileSync('git', ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
  });
  afterEach(() => {
    repo.remove();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(remote, { recursive: true, force: true });
  });

  async function cli(
    ...argv: string[]
  ): Promise<{ code: number; out: string; err: string; json: () => unknown }> {
    const io = captureIo();
    const [command = '', ...rest] = argv;
    const code = await runCli([command, '--repo', repo.dir, '--data-dir', dataDir, ...rest], io.io);
    return { code, out: io.stdout(), err: io.stderr(), json: () => JSON.parse(io.stdout()) as unknown };
  }

  /** The chain verifies and holds every listed action for this repository. */
  async function expectAuditChain(actions: string[]): Promise<void> {
    const io = captureIo();
    expect(await runCli(['audit', 'verify', '--json', '--data-dir', dataDir], io.io)).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({ ok: true });
    const list = captureIo();
    expect(
      await runCli(['audit', 'list', '--repo', repo.dir, '--json', '--data-dir', dataDir], list.io),
    ).toBe(0);
    const recorded = (JSON.parse(list.stdout()) as { action: string }[]).map((e) => e.action);
    for (const action of actions) expect(recorded).toContain(action);
  }

  it('runs a train end to end with the exact JSON shapes', async () => {
    repo.commit('feat: one');
    repo.tag('v1.0.0');
    repo.commit('feat: two');
    const cutAt = repo.head();
    const fix = repo.commit('fix: three', { 'three.txt': '3\n' });
    const feat = repo.commit('feat: four', { 'four.txt': '4\n' });

    expect((await cli('train', 'status')).code).toBe(1);
    const cut = await cli('train', 'cut', '--at', cutAt.slice(0, 8), '--json');
    expect(cut.code, cut.err).toBe(0);
    expect(cut.json()).toEqual({ train: 'train-1.1.0', branch: 'release/1.1', version: '1.1.0', sha: cutAt });

    expect((await cli('train', 'freeze', '--json')).json()).toEqual({
      train: 'train-1.1.0',
      state: 'frozen',
      branch: 'release/1.1',
    });
    const refused = await cli('train', 'pick', feat, '--json');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is a feat; only fix, perf, revert may be picked/);

    const pick = await cli('train', 'pick', fix, '--json');
    expect(pick.code).toBe(0);
    const picked = pick.json() as { picked: { from: string; to: string }[] };
    expect(picked).toEqual({
      picked: [{ from: fix, to: expect.stringMatching(/^[0-9a-f]{40}$/) }],
      skipped: [],
      conflict: null,
    });
    const to = picked.picked[0]!.to;

    const status = await cli('train', 'status', '--json');
    expect(status.json()).toEqual({
      train: 'train-1.1.0',
      state: 'frozen',
      branch: 'release/1.1',
      version: '1.1.0',
      onBoard: [cutAt],
      missed: [feat],
      picked: [{ from: fix, to }],
      blocking: [],
    });
    const go = await cli('train', 'go', '--comment', 'QA passed', '--json');
    expect(go.json()).toEqual({
      train: 'train-1.1.0',
      decision: 'go',
      approvals: 1,
      required: 0,
      blocking: [],
    });

    const ship = await cli('train', 'ship', '--push', '--json');
    expect(ship.code).toBe(0);
    const shipped = ship.json() as { sha: string };
    expect(shipped).toEqual({
      train: 'train-1.1.0',
      tag: 'v1.1.0',
      version: '1.1.0',
      sha: expect.any(String),
      pushed: true,
    });
    expect(
      execFileSync('git', ['--git-dir', remote, 'rev-parse', 'v1.1.0^{commit}', 'release/1.1'], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n'),
    ).toEqual([shipped.sha, shipped.sha]);

    const human = await cli('train', 'status');
    expect(human.out).toContain('shipped');
    expect((await cli('train', 'plan', '--json')).json()).toEqual({
      cadence: null,
      timezone: null,
      next: [],
      late: [],
    });
    expect((await cli('train', 'cancel')).err).toMatch(/train-1\.1\.0, is shipped/);
    await expectAuditChain(['train.cut', 'train.frozen', 'train.picked', 'train.approved', 'train.shipped']);
  });

  it('runs a hotfix with push and answers contains with the exact JSON shapes', async () => {
    repo.commit('chore: init', { 'a.txt': 'a\n' });
    repo.tag('v1.0.0');
    repo.checkout('release/1.5', true);
    repo.commit('feat: other', { 'b.txt': 'b\n' });
    repo.tag('v1.5.0');
    repo.checkout('main');
    const fix = repo.commit('fix: a', { 'a.txt': 'a fixed\n' });

    const start = await cli('hotfix', 'start', '--from', 'v1.0.0', '--json');
    expect(start.json()).toEqual({ branch: 'hotfix/1.0.1', version: '1.0.1' });
    const pick = await cli('hotfix', 'pick', fix, '--json');
    expect(pick.json()).toEqual({
      picked: [{ from: fix, to: expect.stringMatching(/^[0-9a-f]{40}$/) }],
      conflict: null,
    });
    const finish = await cli('hotfix', 'finish', '--push', '--json');
    expect(finish.code, finish.err).toBe(0);
    expect(finish.json()).toEqual({
      tag: 'v1.0.1',
      version: '1.0.1',
      carried: [
        { branch: 'main', sha: null, status: 'already-contained' },
        { branch: 'release/1.5', sha: repo.git('rev-parse', 'release/1.5'), status: 'applied' },
      ],
    });
    expect(
      execFileSync('git', ['--git-dir', remote, 'for-each-ref', '--format=%(refname)'], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toEqual(['refs/heads/release/1.5', 'refs/tags/v1.0.1']);

    const contains = await cli('contains', fix.slice(0, 12), '--json');
    expect(contains.json()).toEqual({ releases: ['v1.0.1'], missing: [] });
    repo.checkout('release/1.5');
    repo.tag('v1.5.1');
    repo.checkout('main');
    expect((await cli('contains', fix, '--json')).json()).toEqual({
      releases: ['v1.0.1', 'v1.5.1'],
      missing: [],
    });
    expect((await cli('contains', fix)).out).toContain('v1.5.1 has it as');

    await cli('hotfix', 'start', '--from', 'v1.0.1');
    expect((await cli('hotfix', 'abort', '--json')).json()).toEqual({
      branch: 'hotfix/1.0.2',
      state: 'aborted',
      returnTo: 'main',
    });
    await expectAuditChain([
      'hotfix.started',
      'hotfix.picked',
      'hotfix.finished',
      'hotfix.carried',
      'hotfix.pushed',
      'hotfix.aborted',
    ]);
  });

  it('reports usage errors with exit 2', async () => {
    repo.commit('feat: x');
    for (const argv of [
      ['train'],
      ['train', 'launch'],
      ['train', 'pick'],
      ['train', 'status', 'extra'],
      ['train', 'freeze', '--at', 'HEAD'],
      ['hotfix', 'start'],
      ['hotfix', 'finish', '--from', 'v1.0.0'],
      ['contains'],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('Usage:');
    }
  });
});
