import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { promotionSetup } from './promotion-fixture.js';

// The CLI runs on the real clock, so this policy has no soak and no window.
const POLICY = `environments:
  - name: staging
    gates:
      - check: { name: Unit tests, run: "test -f feature.txt && echo all green", timeout: 1m }
      - checklist: Release notes read
  - name: production
    gates:
      - approval: { required: 2, approvers: [alice@example.com, bob@example.com, carol@example.com], allowSelf: false }
deploy:
  run: "echo deploying {version} to {environment} at {sha}"
`;

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const capture = captureIo(env, setup.repo.dir);
  const code = await runCli([...args, '--data-dir', setup.core.dataDir], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

const as = (email: string) => ({ GIT_COMMITTER_NAME: email.split('@')[0], GIT_COMMITTER_EMAIL: email });

describe('the promotion CLI', () => {
  it('promotes through staging and production with the exit codes of the contract', async () => {
    setup = promotionSetup(POLICY);

    const waiting = await cli(['promote', '1.0.0', '--to', 'staging']);
    expect(waiting).toMatchObject({ code: 3 });
    expect(waiting.stdout).toContain('v1.0.0@staging#1: pending');
    expect(waiting.stderr).toContain('all green');

    const gates = await cli(['gates', 'v1.0.0', '--env', 'staging', '--json']);
    expect(gates.code).toBe(0);
    expect(JSON.parse(gates.stdout)).toEqual({
      promotion: 'v1.0.0@staging#1',
      state: 'pending',
      gates: [
        { kind: 'check', name: 'Unit tests', state: 'passed', detail: expect.stringMatching(/^exit code 0/) },
        {
          kind: 'checklist',
          name: 'Release notes read',
          state: 'waiting',
          detail: 'waiting for someone to tick it',
        },
      ],
    });

    // The last tick finishes the promotion: the deploy runs (and streams) right then.
    const ticked = await cli([
      'tick',
      '1.0.0',
      '--env',
      'staging',
      '--item',
      'Release notes read',
      '--note',
      'read them',
    ]);
    expect(ticked.code).toBe(0);
    expect(ticked.stdout).toContain('All gates passed — deployed v1.0.0 to staging.');
    expect(ticked.stderr).toContain(`deploying 1.0.0 to staging at ${setup.repo.head()}`);
    const staged = await cli(['promote', '1.0.0', '--to', 'staging', '--json']);
    expect(staged.code).toBe(0);
    expect(JSON.parse(staged.stdout)).toMatchObject({ state: 'succeeded', failure: null });

    expect((await cli(['promote', '1.0.0', '--to', 'production'])).code).toBe(3);
    const self = await cli(['approve', '1.0.0', '--env', 'production'], as('ada@example.com'));
    expect(self).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('ada@example.com is not an approver'),
    });
    const alice = await cli(
      ['approve', '1.0.0', '--env', 'production', '--comment', 'ship it'],
      as('alice@example.com'),
    );
    expect(alice.code).toBe(0);
    expect(alice.stdout).toContain('waiting on 1 more approver (bob@example.com or carol@example.com)');
    expect((await cli(['approve', '1.0.0', '--env', 'production'], as('bob@example.com'))).code).toBe(0);
    const shipped = await cli(['promote', '1.0.0', '--to', 'production']);
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toContain('v1.0.0@production#1: succeeded');

    const envs = await cli(['env', 'list', '--json']);
    expect(JSON.parse(envs.stdout)).toEqual([
      {
        name: 'staging',
        current: expect.objectContaining({ version: '1.0.0', tag: 'v1.0.0' }),
        incoming: null,
        open: [],
      },
      {
        name: 'production',
        current: expect.objectContaining({ version: '1.0.0' }),
        incoming: null,
        open: [],
      },
    ]);
    const evidence = await cli(['evidence', '1.0.0', '--format', 'json']);
    expect(evidence.code).toBe(0);
    const parsed = JSON.parse(evidence.stdout) as { promotions: { deploy: { output: string } | null }[] };
    expect(parsed.promotions.map((p) => p.deploy?.output)).toEqual([
      expect.stringContaining('deploying 1.0.0 to staging'),
      expect.stringContaining('deploying 1.0.0 to production'),
    ]);
    expect((await cli(['audit', 'verify'])).code).toBe(0);
  });

  it('exits 1 with the reason when a check fails or the promotion is rejected', async () => {
    setup = promotionSetup(POLICY);
    setup.repo.git('rm', '-q', 'feature.txt');
    setup.repo.git('commit', '-q', '-m', 'fix: remove');
    setup.repo.tag('v1.0.1');
    const failed = await cli(['promote', '1.0.1', '--to', 'staging']);
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('v1.0.1@staging#1 failed: Unit tests: exit code 1'),
    });

    await cli(['promote', '1.0.0', '--to', 'staging']);
    await cli(['tick', '1.0.0', '--env', 'staging', '--item', 'release notes read']);
    await cli(['promote', '1.0.0', '--to', 'staging']);
    await cli(['promote', '1.0.0', '--to', 'production']);
    expect(
      (
        await cli(
          ['reject', '1.0.0', '--env', 'production', '--comment', 'not today'],
          as('carol@example.com'),
        )
      ).code,
    ).toBe(0);
    const gates = await cli(['gates', '1.0.0', '--env', 'production', '--json']);
    expect(JSON.parse(gates.stdout)).toMatchObject({ state: 'rejected' });
  });

  it('refuses bad command lines and unknown releases or environments clearly', async () => {
    setup = promotionSetup(POLICY);
    expect((await cli(['promote', '1.0.0'])).code).toBe(2);
    expect((await cli(['promote', '--to', 'staging'])).code).toBe(2);
    expect(await cli(['promote', '9.9.9', '--to', 'staging'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('No release 9.9.9: the tag v9.9.9 does not exist'),
    });
    expect(await cli(['promote', '1.0.0', '--to', 'qa'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'No environment "qa" in the policy (environments: staging, production)',
      ),
    });
    expect(await cli(['promote', '--upload-pack=evil', '--to', 'staging'])).toMatchObject({ code: 2 });
    expect(await cli(['gates', '1.0.0', '--env', 'staging'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('has no promotion to staging yet'),
    });
    expect((await cli(['rollback', '--env', 'staging'])).code).toBe(1);
    expect((await cli(['evidence', '1.0.0', '--format', 'pdf'])).code).toBe(2);
  });
});
