import { afterEach, describe, expect, it } from 'vitest';
import { expandHome } from '../../../src-main/core/repository/home-path.js';
import { testCore } from '../../support/core-fixture.js';

let core: ReturnType<typeof testCore>;
afterEach(() => core?.dispose());

const ADA = 'Ada <ada@example.com>';
const BOB = 'Bob <bob@example.com>';

/** 1..n: repository opens, releases and promotions across two repositories and two people. */
function seed(n: number) {
  core = testCore({ now: () => new Date('2026-03-01T10:00:00Z') });
  for (let i = 1; i <= n; i += 1) {
    const version = `1.${i % 7}.0`;
    if (i % 3 === 0) {
      core.audit.append({ actor: ADA, action: 'repository.opened', repo: '/r', subject: 'abc' });
    } else if (i % 3 === 1) {
      core.audit.append({
        actor: BOB,
        action: 'promotion.started',
        repo: i % 2 ? '/r' : '/other',
        subject: `v${version}@${i % 4 === 1 ? 'staging' : 'production'}#1`,
        details: { version, environment: i % 4 === 1 ? 'staging' : 'production', note: `50%_off ${i}` },
      });
    } else {
      core.audit.append({
        actor: ADA,
        action: 'release.created',
        repo: '/r',
        subject: `v${version}`,
        details: { version, tag: `v${version}` },
      });
    }
  }
}

describe('the audit query: filters and pages read only', () => {
  it('pages beyond 500 with a total, newest first, and no page overlapping the next', () => {
    seed(1200);
    const first = core.audit.page({ limit: 500 });
    const second = core.audit.page({ limit: 500, offset: 500 });
    const third = core.audit.page({ limit: 500, offset: 1000 });
    expect(first.total).toBe(1200);
    expect(first.events.map((e) => e.seq).slice(0, 2)).toEqual([1200, 1199]);
    expect(second.events[0]?.seq).toBe(700);
    expect(third.events).toHaveLength(200);
    expect(third.events.at(-1)?.seq).toBe(1);
    expect(core.audit.verify()).toMatchObject({ ok: true, events: 1200 });
  });

  it('narrows by repository, action, person, environment and release, and leaves out excluded actions', () => {
    seed(60);
    const all = core.audit.list({ limit: 10_000 });
    const openings = core.audit.page({ repo: '/r', excludeActions: ['repository.opened'], limit: 1000 });
    expect(openings.events.every((e) => e.action !== 'repository.opened' && e.repo === '/r')).toBe(true);
    expect(openings.total).toBe(
      all.filter((e) => e.repo === '/r' && e.action !== 'repository.opened').length,
    );

    const bob = core.audit.page({ actor: BOB, environment: 'staging', limit: 1000 });
    expect(bob.total).toBeGreaterThan(0);
    expect(bob.events.every((e) => e.actor === BOB && e.details.environment === 'staging')).toBe(true);

    const byTag = core.audit.page({ release: 'v1.3.0', limit: 1000 });
    const byVersion = core.audit.page({ release: '1.3.0', limit: 1000 });
    const expected = all.filter((e) => e.subject === 'v1.3.0' || e.subject?.startsWith('v1.3.0@'));
    expect(byTag.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(byVersion.events.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(new Set(byTag.events.map((e) => e.action))).toEqual(
      new Set(['promotion.started', 'release.created']),
    );

    const created = core.audit.page({ action: 'release.created', limit: 1000 });
    expect(created.total).toBe(all.filter((e) => e.action === 'release.created').length);
    expect(created.facets).toEqual({
      actions: ['promotion.started', 'release.created', 'repository.opened'],
      actors: [ADA, BOB],
      environments: ['production', 'staging'],
    });
    // The facets cover the repository's whole log, not the filtered rows; and can be left out.
    expect(core.audit.page({ repo: '/other' }).facets).toEqual({
      actions: ['promotion.started'],
      actors: [BOB],
      environments: ['production'],
    });
    expect(core.audit.page({ action: 'release.created', facets: false }).facets).toBeNull();
  });

  it('searches words literally, % and _ included', () => {
    seed(30);
    const hits = core.audit.page({ search: '50%_off 13', limit: 1000 });
    expect(hits.events.map((e) => e.seq)).toEqual([13]);
    expect(core.audit.page({ search: '50%x' }).total).toBe(0);
    expect(core.audit.page({ search: 'STAGING' }).total).toBeGreaterThan(0);
  });

  it('finds the page holding an event under the same filters', () => {
    seed(250);
    const page = core.audit.page({ around: 'local-42', limit: 100 });
    expect(page.offset).toBe(200);
    expect(page.events.some((e) => e.seq === 42)).toBe(true);
    expect(core.audit.page({ around: 'local-250', limit: 100 }).offset).toBe(0);
  });

  it('still lists and filters a row whose details were damaged', () => {
    seed(6);
    core.db.exec('DROP TRIGGER audit_events_no_update');
    core.db.prepare('UPDATE audit_events SET details = ? WHERE seq = 4').run('{not json');
    const page = core.audit.page({ environment: 'staging' });
    expect(page.events.map((e) => e.seq)).toEqual([1]);
    expect(core.audit.page({ around: 'local-4' }).events.find((e) => e.seq === 4)?.details).toEqual({
      unreadable: '{not json',
    });
    expect(core.audit.verify()).toMatchObject({ ok: false, brokenAt: 4 });
  });
});

describe('~ in a repository path', () => {
  it('is the home directory, alone or as a prefix; other paths are untouched', () => {
    expect(expandHome('~', '/home/ada')).toBe('/home/ada');
    expect(expandHome('~/src/app', '/home/ada')).toBe('/home/ada/src/app');
    expect(expandHome('/srv/~/app', '/home/ada')).toBe('/srv/~/app');
    expect(expandHome('~bob/app', '/home/ada')).toBe('~bob/app');
  });
});
