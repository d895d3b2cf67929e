import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import type { ReleaseComparison, ReleaseHistory } from '../../../shared/domain/history.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

const POLICY = `environments:
  - name: staging
  - name: production
`;

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
const dispatch = createDispatcher({ handlers, isTrusted: () => true });
const call = (channel: string, input: Record<string, unknown>) =>
  dispatch(
    channel,
    { path: repo.dir, ...input },
    { core, caller: { kind: 'test', trusted: true }, mode: 'browser' },
  );

let clock = new Date('2026-03-03T10:00:00Z');
beforeEach(() => {
  clock = new Date('2026-03-03T10:00:00Z');
  core = testCore({ now: () => clock });
  repo = new TestRepo();
  repo.commit('feat: first feature', { '.release-desk.yml': POLICY });
  repo.tag('v2.0.0');
  repo.commit('fix(api): null ids');
  repo.tag('v2.1.0');
  repo.commit('feat(ui): dark mode');
  repo.commit('fix: typo in the footer');
  repo.commit('feat!: drop the v1 API\n\nBREAKING CHANGE: /v1 is gone.');
  repo.commit('chore: tidy');
  repo.tag('v2.2.0');
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
});

async function live(version: string, ...environments: string[]) {
  for (const environment of environments) {
    await promote(core, repo.dir, version, environment);
    clock = new Date(clock.getTime() + 3_600_000);
  }
}

describe('release.compare', () => {
  it('lists what staging has and production not, from what is live in each', async () => {
    await live('2.1.0', 'staging', 'production');
    await live('2.2.0', 'staging');
    const result = await call('release.compare', {
      from: { kind: 'environment', environment: 'production' },
      to: { kind: 'environment', environment: 'staging' },
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        from: { environment: 'production', version: '2.1.0', tag: 'v2.1.0' },
        to: { environment: 'staging', version: '2.2.0', tag: 'v2.2.0' },
        direction: 'forward',
        changeCount: 3,
      },
    });
    if (!result.ok) return;
    const { document, markdown } = result.value as ReleaseComparison;
    expect(document.sections.map((s) => [s.title, s.entries.map((e) => e.subject)])).toEqual([
      ['Features', ['drop the v1 API', 'dark mode']],
      ['Bug Fixes', ['typo in the footer']],
    ]);
    expect(markdown.split('\n')[0]).toBe('# production v2.1.0 → staging v2.2.0: 3 changes');
    expect(markdown).toContain('/v1 is gone.');
    expect(markdown).not.toContain('null ids');
  });

  it('says what a move backwards takes away, and that the same commit has no changes', async () => {
    const back = await call('release.compare', {
      from: { kind: 'release', version: 'v2.2.0' },
      to: { kind: 'release', version: '2.1.0' },
    });
    expect(back).toMatchObject({ ok: true, value: { direction: 'backward', changeCount: 3 } });
    if (back.ok)
      expect((back.value as ReleaseComparison).markdown).toContain(
        'v2.1.0 is behind v2.2.0: moving there takes these changes away.',
      );
    const same = await call('release.compare', {
      from: { kind: 'release', version: '2.1.0' },
      to: { kind: 'release', version: 'v2.1.0' },
    });
    expect(same).toMatchObject({ ok: true, value: { direction: 'same', changeCount: 0 } });
  });

  it('between separate lines lists what one has and the other not, less the fixes both have as cherry-picks', async () => {
    const typo = repo.git('log', '--format=%H', '--grep', 'typo in the footer', '-n', '1');
    repo.checkout('v2.1.0');
    repo.checkout('hotfix/2.1.1', true);
    repo.git('cherry-pick', '-x', typo);
    repo.tag('v2.1.1');
    repo.checkout('main');
    const ahead = await call('release.compare', {
      from: { kind: 'release', version: '2.1.1' },
      to: { kind: 'release', version: '2.2.0' },
    });
    expect(ahead).toMatchObject({
      ok: true,
      value: {
        direction: 'apart',
        changeCount: 2,
        lead: 'v2.1.1 and v2.2.0 are on separate lines: these are the changes v2.2.0 has and v2.1.1 has not (1 left out that v2.1.1 has too, as cherry-picked copies).',
      },
    });
    if (ahead.ok) {
      const { document } = ahead.value as ReleaseComparison;
      expect(document.sections.flatMap((s) => s.entries.map((e) => e.subject))).toEqual([
        'drop the v1 API',
        'dark mode',
      ]);
      expect(document.date).toBe(repo.git('log', '-1', '--format=%cs', 'v2.2.0'));
    }
    const behind = await call('release.compare', {
      from: { kind: 'release', version: '2.2.0' },
      to: { kind: 'release', version: '2.1.1' },
    });
    expect(behind).toMatchObject({ ok: true, value: { direction: 'apart', changeCount: 0 } });
  });

  it('refuses an environment with nothing live, an unknown one, and a missing release, by name', async () => {
    const empty = await call('release.compare', {
      from: { kind: 'environment', environment: 'production' },
      to: { kind: 'release', version: '2.2.0' },
    });
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'Nothing is live in production yet: compare a release instead.' },
    });
    const unknown = await call('release.compare', {
      from: { kind: 'environment', environment: 'qa' },
      to: { kind: 'release', version: '2.2.0' },
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: 'No environment "qa" in .release-desk.yml (environments: staging, production).' },
    });
    const missing = await call('release.compare', {
      from: { kind: 'release', version: '9.9.9' },
      to: { kind: 'release', version: '2.2.0' },
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await call('release.compare', {
      from: { kind: 'environment', environment: 'prod; rm' },
      to: { kind: 'release', version: '2.2.0' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('release.history', () => {
  it('lists every release oldest first on its tag date, with the environments it reached and where it is live', async () => {
    await live('2.1.0', 'staging', 'production');
    await live('2.2.0', 'staging');
    const result = await call('release.history', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const history = result.value as ReleaseHistory;
    expect(history.environments).toEqual(['staging', 'production']);
    expect(history.releases.map((r) => r.tag)).toEqual(['v2.0.0', 'v2.1.0', 'v2.2.0']);
    expect(history.releases.map((r) => r.previous)).toEqual([null, '2.0.0', '2.1.0']);
    const dates = history.releases.map((r) => Date.parse(r.date ?? ''));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(history.releases.map((r) => r.environments.map((e) => [e.name, e.live]))).toEqual([
      [],
      [
        ['staging', false],
        ['production', true],
      ],
      [['staging', true]],
    ]);
    expect(history.releases[1]!.environments[0]!.at).toBe('2026-03-03T10:00:00.000Z');
  });
});
