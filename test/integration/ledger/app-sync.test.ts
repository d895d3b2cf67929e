import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import { LEDGER_REF } from '../../../src-main/core/git/ledger-refs.js';
import { syncLedger } from '../../../src-main/core/ledger/sync.js';
import { ledgerStatus } from '../../../src-main/core/ledger/sync-status.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { openRepository } from '../../../src-main/core/repository/open-repository.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';
import { teamSetup } from './team-fixture.js';

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

describe('the ledger in the app: sync status, and a sync after every action', () => {
  it('shares each action by itself where the app asks for it, with progress, and reports in sync', async () => {
    team = teamSetup();
    const progress: ProgressEvent[] = [];
    const alice = team.join('Alice2', team.keys.alice, {
      shareAfterActions: true,
      progress: (event) => progress.push(event),
      gitEnv: { GIT_COMMITTER_NAME: 'Alice', GIT_COMMITTER_EMAIL: 'alice@example.com' },
    });
    alice.clone.git('config', 'user.email', 'alice@example.com');
    expect(await ledgerStatus(alice.core, alice.clone.dir)).toEqual({
      state: 'in-sync',
      remote: 'origin',
      toPush: 0,
      syncedAt: null,
      message: null,
      signing: { required: true, configured: true },
    });

    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    await alice.core.ledger.settle();
    // Nobody ran sync: origin holds both events all the same.
    expect(team.originGit('rev-parse', LEDGER_REF)).toBe(alice.clone.git('rev-parse', LEDGER_REF));
    const status = await ledgerStatus(alice.core, alice.clone.dir);
    expect(status).toMatchObject({ state: 'in-sync', toPush: 0, message: null });
    expect(status.syncedAt).toBe(team.clock.now.toISOString());

    const syncEvents = progress.filter((event) => event.kind === 'ledger-sync');
    expect(syncEvents.every((event) => event.job === `ledger-sync:${alice.clone.dir}`)).toBe(true);
    expect(syncEvents.map((event) => event.message)).toContain('Fetching the ledger from origin…');
    expect(syncEvents.some((event) => /^Pushing \d event\(s\) to origin…$/.test(event.message))).toBe(true);
    // git's own transfer progress, as simple-git reports it.
    expect(syncEvents.some((event) => event.total !== null && event.done !== null)).toBe(true);
    expect(syncEvents.at(-1)).toMatchObject({
      finished: true,
      message: expect.stringMatching(/^In sync with origin/),
    });

    // Bob's clone gets both events from origin.
    const bob = await syncLedger(team.bob.core, team.bob.clone.dir);
    expect(bob.fetched).toBe(2);
  });

  it('works offline: events wait as "to push", the status says offline and why, and a later sync shares them', async () => {
    team = teamSetup();
    const { alice } = team;
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await approve(alice.core, alice.clone.dir, '1.0.0', 'production');
    expect(await ledgerStatus(alice.core, alice.clone.dir)).toMatchObject({ state: 'to-push', toPush: 2 });

    alice.clone.git('remote', 'set-url', 'origin', path.join(team.origin, '..', 'gone.git'));
    await expect(syncLedger(alice.core, alice.clone.dir)).rejects.toThrow(/git fetch origin failed/);
    const offline = await ledgerStatus(alice.core, alice.clone.dir);
    expect(offline).toMatchObject({ state: 'offline', remote: 'origin', toPush: 2 });
    expect(offline.message).toMatch(/git fetch origin failed: .*gone\.git/);
    // Locally everything still works and counts.
    expect(alice.clone.git('rev-list', '--count', LEDGER_REF)).toBe('2');

    alice.clone.git('remote', 'set-url', 'origin', team.origin);
    expect((await syncLedger(alice.core, alice.clone.dir)).pushed).toBe(2);
    expect(await ledgerStatus(alice.core, alice.clone.dir)).toMatchObject({ state: 'in-sync', toPush: 0 });
  });

  it('says "remote rejected" with the remote\'s reason when origin refuses the push, and keeps the events', async () => {
    team = teamSetup();
    const { alice } = team;
    const hook = path.join(team.origin, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "the ledger is frozen here" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    await promote(alice.core, alice.clone.dir, '1.0.0', 'production');
    await expect(syncLedger(alice.core, alice.clone.dir)).rejects.toThrow(
      /^origin rejected the ledger: pre-receive hook declined$/,
    );
    expect(await ledgerStatus(alice.core, alice.clone.dir)).toMatchObject({
      state: 'rejected',
      toPush: 1,
      message: 'origin rejected the ledger: pre-receive hook declined',
    });
    expect(() => team.originGit('rev-parse', '--verify', '--quiet', LEDGER_REF)).toThrow();
  });

  it('opening a repository stays on this machine: no ledger commit, nothing pushed, still in the local log', async () => {
    team = teamSetup();
    const alice = team.join('Alice3', team.keys.alice, { shareAfterActions: true });
    const before = alice.clone.git('for-each-ref', 'refs/release-desk');
    await openRepository(alice.core, alice.clone.dir);
    await alice.core.ledger.settle();
    expect(alice.clone.git('for-each-ref', 'refs/release-desk')).toBe(before);
    expect(team.originGit('for-each-ref', 'refs/release-desk')).toBe(before);
    expect(alice.core.audit.list({ limit: 5 }).map((event) => event.action)).toContain('repository.opened');
    expect(await ledgerStatus(alice.core, alice.clone.dir)).toMatchObject({ toPush: 0 });
  });

  it('says where signing is required and not set up, and that a repository without a remote is not shared', async () => {
    team = teamSetup();
    const carol = team.join('Carol', null);
    expect((await ledgerStatus(carol.core, carol.clone.dir)).signing).toEqual({
      required: true,
      configured: false,
    });

    const lonely = new TestRepo();
    const core = testCore();
    try {
      lonely.commit('feat: alone');
      expect(await ledgerStatus(core, lonely.dir)).toEqual({
        state: 'offline',
        remote: null,
        toPush: 0,
        syncedAt: null,
        message: 'This repository has no remote: the ledger is kept here and not yet shared.',
        signing: { required: false, configured: false },
      });
    } finally {
      await core.dispose();
      lonely.remove();
    }
  });
});
