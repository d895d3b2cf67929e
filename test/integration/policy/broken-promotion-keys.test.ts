import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { testCore } from '../../support/core-fixture.js';
import { TEST_IDENTITY, TestRepo } from '../../support/git-fixture.js';

/** Valid versioning (its own tag prefix), two broken environment keys and a broken train key. */
const POLICY = [
  'versioning:',
  '  tagPrefix: rel-',
  'trains:',
  '  branch: release/{major}',
  'environments:',
  '  - name: staging',
  '    gates:',
  '      - approval: { required: two, approvers: [a@x.io] }',
  '  - name: production',
  '    gates:',
  '      - soak: { in: qa, for: 1d }',
  '',
].join('\n');

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
const dispatch = createDispatcher({ handlers, isTrusted: (caller) => caller.kind === 'test' });
const call = (channel: string, input: unknown) =>
  dispatch(channel, input, { core, caller: { kind: 'test', trusted: true }, mode: 'browser' });

beforeEach(() => {
  core = testCore({ now: () => new Date('2026-02-03T10:00:00Z'), gitEnv: TEST_IDENTITY });
  repo = new TestRepo();
  repo.commit('feat: start', { '.release-desk.yml': POLICY });
  repo.tag('rel-1.0.0');
  repo.commit('feat: export reports');
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

describe('a policy broken only where releases do not read', () => {
  it('still plans and creates the release with the valid versioning, and says what is broken', async () => {
    const plan = await call('release.plan', { path: repo.dir });
    expect(plan).toMatchObject({
      ok: true,
      value: { current: '1.0.0', next: '1.1.0', tagName: 'rel-1.1.0' },
    });
    const warnings = plan.ok ? (plan.value as { warnings: string[] }).warnings.join('\n') : '';
    expect(warnings).toContain('.release-desk.yml line 4: trains.branch must contain {major} and {minor}');
    expect(warnings).toContain(
      '.release-desk.yml line 8: environments[0].gates[0].approval.required must be a positive integer',
    );
    expect(warnings).toContain('Releases are unaffected');

    const created = await call('release.create', { path: repo.dir });
    expect(created).toMatchObject({ ok: true, value: { tag: 'rel-1.1.0', version: '1.1.0' } });
    expect(repo.git('tag', '--list', 'rel-1.1.0')).toBe('rel-1.1.0');
  });

  it('still refuses what does read the broken keys, listing every problem', async () => {
    for (const [channel, input] of [
      ['train.status', { path: repo.dir }],
      ['promotion.board', { path: repo.dir }],
    ] as const) {
      const answer = await call(channel, input);
      expect(answer).toMatchObject({ ok: false, error: { code: 'policy-invalid' } });
      const message = answer.ok ? '' : answer.error.message;
      expect(message.split('\n').filter((line) => line.startsWith('.release-desk.yml line'))).toHaveLength(2);
    }
  });

  it('refuses a release when the versioning itself is broken', async () => {
    repo.commit('chore: break the versioning', {
      '.release-desk.yml': `${POLICY.replace('tagPrefix: rel-', 'tagPrefix: rel-\n  preMajor: maybe')}`,
    });
    const plan = await call('release.plan', { path: repo.dir });
    expect(plan).toMatchObject({ ok: false, error: { code: 'policy-invalid' } });
    const message = plan.ok ? '' : plan.error.message;
    expect(message).toContain('.release-desk.yml line 3: versioning.preMajor must be true or false');
    expect(message).toContain('environments[0].gates[0].approval.required');
  });
});
