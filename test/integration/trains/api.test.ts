import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('train and hotfix channels through the dispatcher', () => {
  const repo = new TestRepo();
  const core = testCore();
  const dispatch = createDispatcher({
    handlers,
    isTrusted: (caller) => caller.kind === 'test' && caller.trusted,
  });
  const ctx = { core, caller: { kind: 'test' as const, trusted: true }, mode: 'browser' as const };
  afterAll(async () => {
    await core.dispose();
    repo.remove();
  });

  it('serves the screens from real state', async () => {
    repo.commit('feat: one');
    repo.tag('v1.0.0');
    const fix = repo.commit('fix: two');
    expect(await dispatch('train.status', { path: repo.dir }, ctx)).toMatchObject({
      ok: true,
      value: { train: null, blocking: ['no train has been cut'] },
    });
    const cut = await dispatch('train.cut', { path: repo.dir }, ctx);
    expect(cut).toMatchObject({ ok: true, value: { train: { version: '1.1.0', state: 'cut' }, sha: fix } });
    expect(await dispatch('train.plan', { path: repo.dir }, ctx)).toMatchObject({
      ok: true,
      value: { history: [{ name: 'train-1.1.0' }], next: [] },
    });
    expect(await dispatch('hotfix.releases', { path: repo.dir }, ctx)).toMatchObject({
      ok: true,
      value: [{ tag: 'v1.0.0', line: '1.0.x', latestOfLine: true }],
    });
    expect(await dispatch('hotfix.current', { path: repo.dir }, ctx)).toEqual({ ok: true, value: null });
    expect(await dispatch('commit.contains', { path: repo.dir, sha: fix }, ctx)).toMatchObject({
      ok: true,
      value: { releases: [], missing: [] },
    });
    expect(await dispatch('train.pick', { path: repo.dir, shas: [] }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatch('hotfix.preview', { path: repo.dir }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
