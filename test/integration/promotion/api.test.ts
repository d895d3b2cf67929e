import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import type { Caller } from '../../../src-main/api/handler-types.js';
import { handlers } from '../../../src-main/api/handlers.js';
import type { Core } from '../../../src-main/core/context.js';
import { promotionSetup } from './promotion-fixture.js';

const dispatch = createDispatcher({
  handlers,
  isTrusted: (caller) => caller.kind === 'test' && caller.trusted,
});
const caller: Caller = { kind: 'test', trusted: true };

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

function call(channel: string, input: Record<string, unknown>, core: Core = setup.core) {
  return dispatch(channel, { path: setup.repo.dir, ...input }, { core, caller, mode: 'browser' });
}

describe('the promotion channels', () => {
  it('drive a promotion from the board to staging and show the gates to each identity', async () => {
    setup = promotionSetup();
    const board = await call('promotion.board', {});
    expect(board).toMatchObject({
      ok: true,
      value: {
        environments: [
          { name: 'staging', current: null, incoming: null },
          { name: 'production', current: null, incoming: null },
        ],
        releases: [
          {
            version: '1.0.0',
            tag: 'v1.0.0',
            createdBy: 'ada@example.com',
            next: 'staging',
            fastTrack: false,
          },
        ],
      },
    });

    const preview = await call('promotion.gates', { version: '1.0.0', environment: 'staging' });
    expect(preview).toMatchObject({ ok: true, value: { promotion: null, canPromote: { allowed: true } } });
    const blocked = await call('promotion.gates', { version: '1.0.0', environment: 'production' });
    expect(blocked).toMatchObject({
      ok: true,
      value: {
        canPromote: {
          allowed: false,
          reason: 'v1.0.0 has not succeeded in staging yet: promote it there first.',
        },
      },
    });

    const started = await call('promotion.start', { version: 'v1.0.0', environment: 'staging' });
    expect(started).toMatchObject({
      ok: true,
      value: { promotion: { state: 'pending' }, actor: 'Ada Tester <ada@example.com>' },
    });
    const board2 = await call('promotion.board', {});
    expect(board2).toMatchObject({
      ok: true,
      value: { environments: [{ incoming: { id: 'v1.0.0@staging#1' } }, {}] },
    });

    const waiting = await call('promotion.waitingForMe', {});
    expect(waiting).toMatchObject({
      ok: true,
      value: [{ kind: 'checklist', gate: 'Database migration reviewed' }],
    });
    const ticked = await call('promotion.tick', {
      version: '1.0.0',
      environment: 'staging',
      item: 'Database migration reviewed',
    });
    expect(ticked).toMatchObject({ ok: true, value: { gates: [{ state: 'passed' }, { state: 'passed' }] } });
    expect(await call('promotion.start', { version: '1.0.0', environment: 'staging' })).toMatchObject({
      ok: true,
      value: { promotion: { state: 'succeeded' } },
    });

    await call('promotion.start', { version: '1.0.0', environment: 'production' });
    const asCarol = await call(
      'promotion.gates',
      { version: '1.0.0', environment: 'production' },
      setup.as('carol@example.com'),
    );
    expect(asCarol).toMatchObject({
      ok: true,
      value: { gates: [{ kind: 'approval', canAct: { allowed: true } }, {}, {}] },
    });
    const asAda = await call('promotion.gates', { version: '1.0.0', environment: 'production' });
    expect(asAda).toMatchObject({
      ok: true,
      value: {
        gates: [
          { canAct: { allowed: false, reason: expect.stringMatching(/ada@example.com is not an approver/) } },
          {},
          {},
        ],
      },
    });

    const evidence = await call('promotion.evidence', { version: '1.0.0', format: 'json' });
    expect(evidence).toMatchObject({ ok: true, value: { format: 'json', fileName: 'evidence-v1.0.0.json' } });
  });

  it('validate their input before anything runs', async () => {
    setup = promotionSetup();
    const noComment = await call('promotion.reject', {
      version: '1.0.0',
      environment: 'production',
      comment: '  ',
    });
    expect(noComment).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('comment') },
    });
    const noReason = await call('promotion.overrideWindow', { version: '1.0.0', environment: 'production' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const hostile = await call('promotion.start', { version: '--upload-pack=evil', environment: 'staging' });
    expect(hostile).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badEnv = await call('promotion.start', { version: '1.0.0', environment: '../prod' });
    expect(badEnv).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('environment') },
    });
    const unknown = await call('promotion.gates', { version: '1.0.0', environment: 'qa' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('promotion.approve', { version: '1.0.0', environment: 'production' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('has no promotion to production yet') },
    });
  });
});
