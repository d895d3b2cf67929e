import { describe, expect, it, afterAll } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import type { Caller } from '../../../src-main/api/handler-types.js';
import { testCore } from '../../support/core-fixture.js';

const core = testCore();
afterAll(() => core.dispose());

const dispatch = createDispatcher({
  handlers,
  isTrusted: (caller) => caller.kind === 'test' && caller.trusted,
});
const trusted: Caller = { kind: 'test', trusted: true };
const ctx = (caller: Caller) => ({ core, caller, mode: 'browser' as const });

describe('the dispatcher every binding uses', () => {
  it('refuses an untrusted caller before running anything', async () => {
    const result = await dispatch('repository.recent', {}, ctx({ kind: 'test', trusted: false }));
    expect(result).toEqual({ ok: false, error: { code: 'untrusted-caller', message: expect.any(String) } });
  });

  it('refuses an IPC frame the binding does not trust', async () => {
    const result = await dispatch(
      'repository.recent',
      {},
      ctx({ kind: 'ipc', frameUrl: 'https://evil.example/' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('untrusted-caller');
  });

  it('rejects input that fails the channel schema, naming the field', async () => {
    const result = await dispatch('repository.open', { path: 42 }, ctx(trusted));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('path');
    }
  });

  it('rejects an unknown channel', async () => {
    const result = await dispatch('shell.exec', {}, ctx(trusted));
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('returns typed errors from handlers', async () => {
    const result = await dispatch('repository.open', { path: '/definitely/not/here' }, ctx(trusted));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-a-directory' } });
  });

  it('returns the handler value on success', async () => {
    const result = await dispatch('audit.verify', {}, ctx(trusted));
    expect(result).toEqual({ ok: true, value: { ok: true, events: 0, head: '0'.repeat(64) } });
  });

  it('has a handler for every channel', async () => {
    const { channelNames } = await import('../../../shared/api.js');
    for (const name of channelNames) expect(typeof handlers[name]).toBe('function');
  });
});
