import { afterEach, describe, expect, it } from 'vitest';
import { approve, overrideWindow, tick } from '../../../src-main/core/promotion/approvals.js';
import { promotionBoard } from '../../../src-main/core/promotion/board.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { rollback } from '../../../src-main/core/promotion/rollback.js';
import { loadPolicy } from '../../../src-main/core/policy/load-policy.js';
import { verifyAuditTrail } from '../../../src-main/core/promotion/verify-records.js';
import { HOUR, promotionSetup } from './promotion-fixture.js';

const POLICY = `environments:
  - name: staging
    gates:
      - checklist: Release notes read
    deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
  - name: production
    gates:
      - check: { name: Smoke, run: "echo smoke ok", timeout: 1m }
      - checklist: Change ticket open
      - approval: { required: 1, approvers: [bob@example.com], allowSelf: false }
      - soak: { in: staging, for: 24h }
      - window: { deny: ["Fri 16:00-Mon 08:00"], timezone: Europe/Berlin }
    deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
`;

let setup: ReturnType<typeof promotionSetup>;
afterEach(() => setup?.dispose());

const NOTES = 'Release notes read';

/** Tags a new release on a new commit. */
function release(version: string) {
  setup.repo.commit(`feat: change for ${version}`);
  setup.repo.tag(`v${version}`);
}

async function intoStaging(version: string) {
  const { core, repo } = setup;
  await promote(core, repo.dir, version, 'staging');
  return tick(core, repo.dir, version, 'staging', NOTES);
}

/** v1.0.0 live in production (soaked a day in staging), with v1.1.0 replacing it. */
async function inProduction(version: string) {
  const { core, repo } = setup;
  await promote(core, repo.dir, version, 'production');
  await tick(core, repo.dir, version, 'production', 'Change ticket open');
  return approve(setup.as('bob@example.com'), repo.dir, version, 'production');
}

describe('a promotion that finishes itself', () => {
  it('deploys on the last tick and says so; promoting again only says it is done', async () => {
    setup = promotionSetup(POLICY);
    const { core, repo } = setup;
    const started = await promote(core, repo.dir, '1.0.0', 'staging');
    expect(started.promotion?.state).toBe('pending');
    expect(started.finished).toBeUndefined();

    const detail = await tick(core, repo.dir, '1.0.0', 'staging', NOTES);
    expect(detail.promotion?.state).toBe('succeeded');
    expect(detail.finished).toBe('All gates passed — deployed v1.0.0 to staging.');
    expect(detail.deploy?.output).toContain('deploying 1.0.0 to staging');
    const again = await promote(core, repo.dir, '1.0.0', 'staging');
    expect(again.promotion).toMatchObject({ id: 'v1.0.0@staging#1', state: 'succeeded' });
    expect(again.finished).toBe('v1.0.0 is already live in staging: nothing to do.');
    expect(core.audit.list().filter((e) => e.action === 'promotion.deployed')).toHaveLength(1);
  });

  it('deploys on the last approval, as the approver', async () => {
    setup = promotionSetup(POLICY);
    await intoStaging('1.0.0');
    setup.advance(25 * HOUR);
    const detail = await inProduction('1.0.0');
    expect(detail).toMatchObject({
      promotion: { state: 'succeeded' },
      finished: 'All gates passed — deployed v1.0.0 to production.',
    });
    const succeeded = setup.core.audit
      .list()
      .find((e) => e.action === 'promotion.succeeded' && e.subject === 'v1.0.0@production#1');
    expect(succeeded?.actor).toBe('bob <bob@example.com>');
    expect(verifyAuditTrail(setup.core)).toMatchObject({ ok: true });
  });

  it('deploys on a window override when that was the last gate', async () => {
    setup = promotionSetup(POLICY);
    await intoStaging('1.0.0');
    // Saturday noon in Berlin, a day and more after staging.
    setup.clock.now = new Date('2026-03-07T11:00:00Z');
    const waiting = await inProduction('1.0.0');
    expect(waiting.promotion?.state).toBe('pending');
    expect(waiting.gates.at(-1)).toMatchObject({ kind: 'window', state: 'waiting' });
    const detail = await overrideWindow(setup.core, setup.repo.dir, '1.0.0', 'production', 'incident 7');
    expect(detail.promotion?.state).toBe('succeeded');
    expect(detail.finished).toBe('All gates passed — deployed v1.0.0 to production.');
  });

  it('waits when a gate other than the one just passed still waits', async () => {
    setup = promotionSetup(POLICY);
    await intoStaging('1.0.0');
    const detail = await inProduction('1.0.0');
    expect(detail.promotion?.state).toBe('pending');
    expect(detail.finished).toBeUndefined();
    expect(detail.gates.find((g) => g.kind === 'soak')?.state).toBe('waiting');
  });
});

describe('the board and what is live', () => {
  it('shows every open promotion into an environment, with its gate progress', async () => {
    setup = promotionSetup(POLICY);
    release('1.1.0');
    const { core, repo } = setup;
    await promote(core, repo.dir, '1.0.0', 'staging');
    await promote(core, repo.dir, '1.1.0', 'staging');
    const staging = (await promotionBoard(core, repo.dir)).environments[0]!;
    expect(staging.open.map((p) => [p.id, p.gatesPassed, p.gatesTotal])).toEqual([
      ['v1.1.0@staging#1', 0, 1],
      ['v1.0.0@staging#1', 0, 1],
    ]);
    expect(staging.incoming?.id).toBe('v1.1.0@staging#1');
  });

  it('calls a release "in staging" only while it is live there, and stops its soak when replaced', async () => {
    setup = promotionSetup(POLICY);
    release('1.1.0');
    const { core, repo } = setup;
    await intoStaging('1.0.0');
    setup.advance(3 * HOUR);
    await promote(core, repo.dir, '1.0.0', 'production');
    await intoStaging('1.1.0');
    setup.advance(30 * HOUR);

    const board = await promotionBoard(core, repo.dir);
    const of = (version: string) => board.releases.find((r) => r.version === version)!;
    expect(of('1.1.0').liveIn).toEqual(['staging']);
    expect(of('1.0.0').liveIn).toEqual([]);
    expect(of('1.0.0').environments[0]).toEqual({ name: 'staging', state: 'succeeded' });

    const soak = (await promote(core, repo.dir, '1.0.0', 'production')).gates.find((g) => g.kind === 'soak');
    expect(soak?.state).toBe('waiting');
    expect(soak?.detail).toMatch(/^soak stopped at 3 h of 1 d: v1\.1\.0 replaced it in staging/);
  });
});

describe('a downgrade', () => {
  it('needs a reason, changing nothing without one, and records it', async () => {
    setup = promotionSetup(POLICY);
    release('1.1.0');
    const { core, repo } = setup;
    await intoStaging('1.1.0');
    const before = core.audit.list().length;
    const preview = await promote(core, repo.dir, '1.1.0', 'staging');
    expect(preview.downgrade).toBeNull();

    await expect(promote(core, repo.dir, '1.0.0', 'staging')).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(
        /^v1\.0\.0 is older than v1\.1\.0, which is live in staging: promoting it is a downgrade and needs a reason/,
      ),
    });
    await expect(promote(core, repo.dir, '1.0.0', 'staging', null, { reason: '   ' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(core.audit.list()).toHaveLength(before);

    const detail = await promote(core, repo.dir, '1.0.0', 'staging', null, {
      reason: 'v1.1.0 breaks logins',
    });
    expect(detail.promotion?.state).toBe('pending');
    expect(detail.downgrade).toEqual({ from: 'v1.1.0', reason: 'v1.1.0 breaks logins' });
    const started = core.audit
      .list()
      .find((e) => e.action === 'promotion.started' && e.subject === 'v1.0.0@staging#1');
    expect(started?.details.downgrade).toEqual({ from: 'v1.1.0', reason: 'v1.1.0 breaks logins' });
  });
});

describe('a one-click rollback', () => {
  it('re-checks only check, soak and window by default: approvals and checklists are not asked again', async () => {
    setup = promotionSetup(POLICY);
    release('1.1.0');
    const { core, repo } = setup;
    await intoStaging('1.0.0');
    setup.advance(25 * HOUR);
    await inProduction('1.0.0');
    await intoStaging('1.1.0');
    setup.advance(25 * HOUR);
    expect((await inProduction('1.1.0')).promotion?.state).toBe('succeeded');

    const board = await promotionBoard(core, repo.dir);
    expect(board.environments[1]?.rollbackTo).toEqual({ version: '1.0.0', tag: 'v1.0.0' });
    const detail = await rollback(core, repo.dir, 'production');
    expect(detail.finished).toBe('Rolled production back to v1.0.0 (live before v1.1.0).');
    expect(detail.promotion).toMatchObject({ state: 'succeeded', rollback: true, replacesVersion: 'v1.1.0' });
    expect(detail.gates.map((g) => `${g.kind}:${g.state}`)).toEqual([
      'check:passed',
      'checklist:skipped',
      'approval:skipped',
      'soak:passed',
      'window:passed',
    ]);
    expect(detail.gates[2]?.approvals).toMatchObject([{ approver: 'bob@example.com', counts: true }]);
  });

  it('takes rollback.recheck from the policy, and refuses a kind that does not exist', async () => {
    setup = promotionSetup(
      POLICY.replace(
        '    deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }\n',
        '    rollback: { recheck: [checklist] }\n',
      ),
    );
    const policy = await loadPolicy(setup.repo.dir);
    expect(policy.environments[0]?.rollbackRecheck).toEqual(['checklist']);
    expect(policy.environments[1]?.rollbackRecheck).toBeUndefined();
    setup.repo.commit('chore: a typo', {
      '.release-desk.yml': POLICY.replace(
        'deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }\n  - name: production',
        'rollback: { recheck: [checks] }\n  - name: production',
      ),
    });
    await expect(loadPolicy(setup.repo.dir)).rejects.toMatchObject({
      code: 'policy-invalid',
      message: expect.stringContaining('environments[0].rollback.recheck[0]'),
    });
  });
});
