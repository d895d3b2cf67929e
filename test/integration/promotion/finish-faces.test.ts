import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import type { Caller } from '../../../src-main/api/handler-types.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { promotionSetup } from './promotion-fixture.js';

// The CLI runs on the real clock: no soak, no window.
const POLICY = `environments:
  - name: staging
    gates:
      - checklist: Release notes read
deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
`;

const dispatch = createDispatcher({
  handlers,
  isTrusted: (caller) => caller.kind === 'test' && caller.trusted,
});
const caller: Caller = { kind: 'test', trusted: true };

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

function call(channel: string, input: Record<string, unknown>) {
  return dispatch(channel, { path: setup.repo.dir, ...input }, { core: setup.core, caller, mode: 'browser' });
}

async function cli(args: string[]) {
  const capture = captureIo({}, setup.repo.dir);
  const code = await runCli([...args, '--data-dir', setup.core.dataDir], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

/** v1.0.0 then v1.1.0 live in staging. */
async function twoInStaging() {
  setup = promotionSetup(POLICY);
  setup.repo.commit('feat: more');
  setup.repo.tag('v1.1.0');
  for (const version of ['1.0.0', '1.1.0']) {
    await call('promotion.start', { version, environment: 'staging' });
    const ticked = await call('promotion.tick', {
      version,
      environment: 'staging',
      item: 'Release notes read',
    });
    expect(ticked).toMatchObject({
      ok: true,
      value: {
        promotion: { state: 'succeeded' },
        finished: `All gates passed — deployed v${version} to staging.`,
      },
    });
  }
}

describe('finishing, downgrades and rollbacks through the dispatcher and the CLI', () => {
  it('the channels: a downgrade without a reason is refused and changes nothing; with one it starts', async () => {
    await twoInStaging();
    const events = setup.core.audit.list().length;
    const refused = await call('promotion.start', { version: '1.0.0', environment: 'staging' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('needs a reason') },
    });
    expect(setup.core.audit.list()).toHaveLength(events);
    const tooLong = await call('promotion.start', {
      version: '1.0.0',
      environment: 'staging',
      reason: 'x'.repeat(4001),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const started = await call('promotion.start', {
      version: '1.0.0',
      environment: 'staging',
      reason: 'logins broke',
    });
    expect(started).toMatchObject({
      ok: true,
      value: { downgrade: { from: 'v1.1.0', reason: 'logins broke' } },
    });
  });

  it('the CLI: a downgrade refused without --reason, rollback in plain words, env list with every open promotion', async () => {
    await twoInStaging();
    const refused = await cli(['promote', '1.0.0', '--to', 'staging']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('v1.0.0 is older than v1.1.0, which is live in staging');

    const back = await cli(['rollback', '--env', 'staging']);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('Rolled staging back to v1.0.0 (live before v1.1.0).');

    const again = await cli(['promote', '1.1.0', '--to', 'staging']);
    expect(again.code).toBe(3);
    const list = await cli(['env', 'list']);
    expect(list.stdout).toMatch(
      /^staging {2}v1\.0\.0 \([0-9a-f]{7}\) since .+ {3}incoming: v1\.1\.0 \(pending, 0 of 1 gates\)\n$/,
    );
  });
});
