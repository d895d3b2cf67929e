import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { LEDGER_REF } from '../../../src-main/core/git/ledger-refs.js';
import { readLedger } from '../../../src-main/core/ledger/read.js';
import { verifyLedger } from '../../../src-main/core/ledger/verify-ledger.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { teamSetup } from './team-fixture.js';

const dispatch = createDispatcher({
  handlers,
  isTrusted: (caller) => caller.kind === 'test' && caller.trusted,
});

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

describe('the ledger through the API', () => {
  it('ledger.sync shares through the named remote and refuses bad input, changing nothing', async () => {
    team = teamSetup();
    const { alice } = team;
    const ctx = {
      core: alice.core,
      caller: { kind: 'test' as const, trusted: true },
      mode: 'browser' as const,
    };
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    const synced = await dispatch('ledger.sync', { path: alice.clone.dir, remote: 'origin' }, ctx);
    expect(synced).toMatchObject({ ok: true, value: { remote: 'origin', fetched: 0 } });
    expect(team.originGit('rev-parse', LEDGER_REF)).toBe((synced as { value: { head: string } }).value.head);

    const before = team.originGit('rev-parse', LEDGER_REF);
    const badName = await dispatch('ledger.sync', { path: alice.clone.dir, remote: '--upload-pack=x' }, ctx);
    expect(badName).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await dispatch('ledger.sync', { path: alice.clone.dir, remote: 'upstream' }, ctx);
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: 'This repository has no remote "upstream" (remotes: origin).' },
    });
    expect(team.originGit('rev-parse', LEDGER_REF)).toBe(before);
  });

  it('keeps an event the ledger could not take, says why, and appends it once git can', async () => {
    team = teamSetup();
    const { alice } = team;
    // Another writer's lock that never goes away: every compare-and-swap fails.
    const refs = path.join(alice.clone.dir, '.git', 'refs', 'release-desk');
    mkdirSync(refs, { recursive: true });
    writeFileSync(path.join(refs, 'ledger.lock'), '');
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    const stuck = await verifyLedger(alice.core, alice.clone.dir);
    expect(stuck.ok).toBe(false);
    expect(stuck.problems).toEqual([
      expect.stringMatching(/^\d+ local event\(s\) are not yet in the ledger: The ledger kept moving/),
    ]);
    // The action and its local record stand.
    expect(alice.core.audit.list().map((e) => e.action)).toContain('promotion.started');

    rmSync(path.join(refs, 'ledger.lock'));
    expect(await alice.core.ledger.flush()).toEqual([]);
    expect((await readLedger(alice.clone.dir)).map((e) => e.event.action)).toContain('promotion.started');
    expect(await verifyLedger(alice.core, alice.clone.dir)).toMatchObject({ ok: true, problems: [] });
    expect(alice.core.ledger.pending(alice.clone.dir)).toEqual({ events: 0, error: null });
  });
});
