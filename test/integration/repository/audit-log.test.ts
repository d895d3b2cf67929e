import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { testCore } from '../../support/core-fixture.js';
import { captureIo } from '../../support/cli-io.js';

let core: ReturnType<typeof testCore>;
afterEach(() => core?.dispose());

function seed() {
  core = testCore({ now: () => new Date('2026-03-01T10:00:00Z') });
  for (const action of ['repository.opened', 'release.created', 'promotion.started', 'approval.given']) {
    core.audit.append({
      actor: 'Ada <ada@example.com>',
      action,
      repo: '/r',
      subject: 'v1.0.0',
      details: { n: action.length, nested: { b: 1, a: [1, 2] } },
    });
  }
}

/** Tampering means bypassing the app: drop the append-only triggers like an attacker would. */
function dropGuards() {
  core.db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
}

describe('the hash-chained audit log', () => {
  it('chains events and verifies', () => {
    seed();
    const events = core.audit.list();
    expect(events.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(events[3]?.prevHash).toBe('0'.repeat(64));
    expect(events[0]?.prevHash).toBe(events[1]?.hash);
    expect(core.audit.verify()).toEqual({ ok: true, events: 4, head: events[0]?.hash });
  });

  it('refuses updates and deletes through SQL while the guards stand', () => {
    seed();
    expect(() => core.db.exec("UPDATE audit_events SET actor = 'x' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => core.db.exec('DELETE FROM audit_events WHERE seq = 2')).toThrow(/append-only/);
  });

  it('names the first event whose details were edited', () => {
    seed();
    dropGuards();
    core.db.prepare('UPDATE audit_events SET details = ? WHERE seq = 3').run('{"n":999}');
    const result = core.audit.verify();
    expect(result).toMatchObject({ ok: false, brokenAt: 3, events: 2 });
  });

  it('detects a deleted event', () => {
    seed();
    dropGuards();
    core.db.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    expect(core.audit.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects an edited actor in the first event', () => {
    seed();
    dropGuards();
    core.db.prepare("UPDATE audit_events SET actor = 'Mallory <m@example.com>' WHERE seq = 1").run();
    expect(core.audit.verify()).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('release-desk audit verify exits 1 naming the broken event, 0 when intact', async () => {
    seed();
    const ok = captureIo();
    expect(await runCli(['audit', 'verify', '--data-dir', core.dataDir], ok.io)).toBe(0);
    expect(ok.stdout()).toContain('4 events');

    dropGuards();
    core.db.prepare('UPDATE audit_events SET details = ? WHERE seq = 2').run('{}');
    const broken = captureIo();
    expect(await runCli(['audit', 'verify', '--json', '--data-dir', core.dataDir], broken.io)).toBe(1);
    expect(JSON.parse(broken.stdout())).toMatchObject({ ok: false, brokenAt: 2 });
    expect(broken.stderr()).toMatch(/event 2/);
  });

  it('release-desk audit list --json prints the events', async () => {
    seed();
    const out = captureIo();
    expect(await runCli(['audit', 'list', '--json', '--data-dir', core.dataDir], out.io)).toBe(0);
    const events = JSON.parse(out.stdout()) as { action: string }[];
    expect(events.map((e) => e.action)).toContain('release.created');
  });
});
