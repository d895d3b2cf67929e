import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { promotionBoard } from '../../../src-main/core/promotion/board.js';
import { startDueClock } from '../../../src-main/core/promotion/due-clock.js';
import type { DueClock } from '../../../src-main/core/promotion/due-clock.js';
import { finishDuePromotions } from '../../../src-main/core/promotion/due.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';
import { HOUR, promotionSetup } from './promotion-fixture.js';

const SOAK_POLICY = `environments:
  - name: staging
    deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
  - name: production
    gates:
      - soak: { in: staging, for: 24h }
      - window: { deny: ["Fri 16:00-Mon 08:00"], timezone: UTC }
    deploy: { run: "echo deploying {version} to {environment}", timeout: 1m }
`;

const dispatch = createDispatcher({ handlers, isTrusted: (caller) => caller.kind === 'test' });

let setup: ReturnType<typeof promotionSetup> | undefined;
let clock: DueClock | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  clock?.stop();
  await setup?.dispose();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  setup = undefined;
});

describe('a promotion that only time holds back', () => {
  it('says when it finishes, and the first look after the soak ends finishes it (the CLI has no clock)', async () => {
    setup = promotionSetup(SOAK_POLICY);
    const { core, repo } = setup;
    await promote(core, repo.dir, '1.0.0', 'staging');
    const waiting = await promote(core, repo.dir, '1.0.0', 'production');
    expect(waiting.promotion?.state).toBe('pending');
    // Staging went live at Tuesday 10:00 UTC: the soak ends a day later, inside no freeze.
    expect(waiting.finishesAt).toEqual({
      at: '2026-03-04T10:00:00.000Z',
      gate: 'Soak in staging',
      reason: 'the soak ends',
    });

    setup.advance(23 * HOUR);
    expect((await finishDuePromotions(core, repo.dir)).finished).toEqual([]);
    setup.advance(HOUR);
    const look = await dispatch(
      'promotion.gates',
      { path: repo.dir, version: '1.0.0', environment: 'production' },
      { core, caller: { kind: 'test', trusted: true }, mode: 'browser' },
    );
    expect(look).toMatchObject({
      ok: true,
      value: {
        promotion: { state: 'succeeded' },
        finished: 'All gates passed — deployed v1.0.0 to production.',
        finishesAt: null,
        deploy: { state: 'passed' },
      },
    });
    expect(core.audit.list().filter((e) => e.action === 'promotion.succeeded')).toHaveLength(2);
  });

  it('env list says when an incoming promotion finishes by itself', async () => {
    // A soak that outlasts the real clock the CLI runs on, and no window (whose gate would
    // depend on the weekday the test runs).
    const policy = SOAK_POLICY.replace('for: 24h', 'for: 1000d').replace(/ {6}- window:.*\n/, '');
    setup = promotionSetup(policy);
    const { core, repo } = setup;
    await promote(core, repo.dir, '1.0.0', 'staging');
    await promote(core, repo.dir, '1.0.0', 'production');
    const out = captureIo({}, repo.dir);
    expect(await runCli(['env', 'list', '--data-dir', core.dataDir], out.io)).toBe(0);
    expect(out.stdout()).toContain(
      'production  —   incoming: v1.0.0 (pending, 0 of 1 gates, finishes by itself at 2028-11-27T10:00:00.000Z when the soak ends)',
    );
  });

  it('waits for the window after the soak: the moment is when the freeze ends', async () => {
    setup = promotionSetup(SOAK_POLICY);
    const { core, repo } = setup;
    // Friday 10:00 UTC: the soak ends Saturday 10:00, inside the weekend freeze, which ends Monday 08:00.
    setup.clock.now = new Date('2026-03-06T10:00:00Z');
    await promote(core, repo.dir, '1.0.0', 'staging');
    await promote(core, repo.dir, '1.0.0', 'production');
    setup.advance(25 * HOUR);
    const due = await finishDuePromotions(core, repo.dir);
    expect(due).toEqual({ finished: [], nextAt: Date.parse('2026-03-09T08:00:00.000Z') });
    // The board's card and the page say the same moment, the window opening after the soak.
    const card = (await promotionBoard(core, repo.dir)).environments[1]!.open[0]!;
    expect(card.finishesAt).toMatchObject({ at: '2026-03-09T08:00:00.000Z', reason: 'the window opens' });
    const look = await dispatch(
      'promotion.gates',
      { path: repo.dir, version: '1.0.0', environment: 'production' },
      { core, caller: { kind: 'test', trusted: true }, mode: 'browser' },
    );
    expect(look).toMatchObject({ ok: true, value: { finishesAt: card.finishesAt } });
    setup.clock.now = new Date('2026-03-09T08:00:01Z');
    const finished = await finishDuePromotions(core, repo.dir);
    expect(finished.finished.map((d) => [d.promotion?.id, d.promotion?.state])).toEqual([
      ['v1.0.0@production#1', 'succeeded'],
    ]);
    expect(finished.nextAt).toBeNull();
  });

  it('is not finished by time while a person still has to decide', async () => {
    setup = promotionSetup(`environments:
  - name: staging
  - name: production
    gates:
      - soak: { in: staging, for: 1h }
      - approval: { required: 1, approvers: [bob@example.com] }
`);
    const { core, repo } = setup;
    await promote(core, repo.dir, '1.0.0', 'staging');
    const waiting = await promote(core, repo.dir, '1.0.0', 'production');
    expect(waiting.finishesAt).toBeNull();
    expect((await promotionBoard(core, repo.dir)).environments[1]!.open[0]!.finishesAt).toBeNull();
    setup.advance(2 * HOUR);
    expect(await finishDuePromotions(core, repo.dir)).toEqual({ finished: [], nextAt: null });
    // The approval is the last gate now: it finishes there and then, as before.
    const approved = await approve(setup.as('bob@example.com'), repo.dir, '1.0.0', 'production');
    expect(approved.promotion?.state).toBe('succeeded');
  });

  it('finishes in the running app when a short soak ends, without anyone looking, and tells the pages', async () => {
    const events: ProgressEvent[] = [];
    const core = testCore({ progress: (event) => events.push(event) });
    const repo = new TestRepo();
    cleanups.push(
      () => core.dispose(),
      () => repo.remove(),
    );
    repo.commit('feat: first feature', {
      '.release-desk.yml': `environments:
  - name: staging
  - name: production
    gates:
      - soak: { in: staging, for: 2s }
    deploy: { run: "echo deploying {version}", timeout: 1m }
`,
    });
    repo.tag('v1.0.0');
    await promote(core, repo.dir, '1.0.0', 'staging');
    const waiting = await promote(core, repo.dir, '1.0.0', 'production');
    expect(waiting.finishesAt?.reason).toBe('the soak ends');

    clock = startDueClock(core, (line) => {
      throw new Error(line);
    });
    const announced = await new Promise<ProgressEvent>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('the soak ended but nothing finished')), 15_000);
      const poll = setInterval(() => {
        const event = events.find((e) => e.kind === 'promotion');
        if (!event) return;
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(event);
      }, 100);
    });
    expect(announced).toMatchObject({
      job: 'finished:v1.0.0@production#1',
      message: 'All gates passed — deployed v1.0.0 to production.',
      finished: true,
    });
    const row = core.db.prepare("SELECT state FROM promotions WHERE environment = 'production'").get();
    expect(row).toEqual({ state: 'succeeded' });
  }, 30_000);
});
