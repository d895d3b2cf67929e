import { describe, expect, it } from 'vitest';
import { changelogForRange } from '../../../src-main/core/changelog/range-changelog.js';
import type { Core } from '../../../src-main/core/context.js';
import { testCore } from '../../support/core-fixture.js';
import type { TestRepo } from '../../support/git-fixture.js';
import { tracedGit } from '../../support/git-trace.js';
import { repoSession } from '../../support/repo-session.js';

const session = repoSession();
// Appended to every kept section's markdown: where it shows, the section came from the cache.
const MARK = '<!-- kept -->\n';

/**
 * A history long enough to be kept (64 commits and more), shaped as real ones are: scoped
 * commits (`@scope/pkg`), a squash body with three changes, a second e-mail for one author, a
 * side branch merged in, a maintenance line with its own patch release, and a revert pair.
 */
function realShaped(repo: TestRepo): void {
  repo.commit('feat: start');
  repo.tag('v1.0.0');
  for (let i = 0; i < 30; i++)
    repo.commit(
      i % 3 === 0 ? `fix(@scope/pkg): bug ${i}` : `feat(api, ui): change ${i}`,
      {},
      'Bo <bo@old.example>',
    );
  repo.commit('feat(@scope/pkg): squashed (#12)\n\n* feat: one\n\n* fix: two\n\n* feat!: three');
  repo.tag('v1.1.0');
  repo.checkout('1.1.x', true);
  repo.commit('fix(@scope/pkg): patched on the line', { 'line.txt': '1\n' });
  repo.tag('v1.1.1');
  repo.checkout('main');
  repo.checkout('side', true);
  for (let i = 0; i < 10; i++) repo.commit(`perf: side ${i}`);
  repo.checkout('main');
  for (let i = 0; i < 20; i++) repo.commit(`feat: main ${i}`, {}, 'Bo <bo@new.example>');
  repo.merge('side');
  const gone = repo.commit('feat: regretted');
  repo.git('revert', '--no-edit', gone);
  repo.merge('1.1.x');
  repo.tag('v1.2.0');
  for (let i = 0; i < 5; i++) repo.commit(`fix: unreleased ${i}`);
}

const changelog = (core: Core, repo: TestRepo) => changelogForRange(core, repo.dir, { all: true });

/** The same changelog from a core that never saw the repository: what the kept one must equal. */
async function fresh(repo: TestRepo): Promise<Awaited<ReturnType<typeof changelog>>> {
  const core = testCore({ now: () => new Date('2026-02-03T09:00:00Z') });
  try {
    return await changelog(core, repo);
  } finally {
    await core.dispose();
  }
}

/** A real-shaped repository read twice: its history and its released sections kept. */
async function keptRepository(): Promise<TestRepo> {
  const repo = session.newRepo();
  realShaped(repo);
  await servedKept(repo);
  await servedKept(repo);
  return repo;
}

function sectionsKept(core: Core): number {
  return core.commitCache.db.prepare('SELECT count(*) FROM sections').pluck().get() as number;
}

/** Marks every kept section, so a changelog shows which of its sections the cache served. */
function markKept(core: Core): void {
  core.commitCache.db
    .prepare('UPDATE sections SET markdown = markdown || ? WHERE instr(markdown, ?) = 0')
    .run(MARK, MARK);
}

/** The changelog through the session core, checked against a fresh one; how many sections were served kept. */
async function servedKept(repo: TestRepo): Promise<number> {
  const { core } = session;
  const ours = await changelog(core, repo);
  await core.commitCache.flush();
  const truth = await fresh(repo);
  expect(ours.markdown.replaceAll(MARK, '')).toBe(truth.markdown);
  expect(ours.documents).toEqual(truth.documents);
  return ours.markdown.split(MARK).length - 1;
}

describe('released changelog sections kept', () => {
  it('serves each released section kept until anything it is made of changes, always equal to a fresh one', async () => {
    const repo = session.newRepo();
    realShaped(repo);
    const { core } = session;

    // A first read parses and caches every commit; sections are kept by the next read, from the cache.
    expect(await servedKept(repo)).toBe(0);
    expect(sectionsKept(core)).toBe(0);
    expect(await servedKept(repo)).toBe(0);
    const released = sectionsKept(core);
    expect(released).toBe(4);
    markKept(core);
    expect(await servedKept(repo)).toBe(released);

    // New commits and a new release: the released sections stay kept, only the new ones are built.
    repo.commit('feat(@scope/pkg): on top');
    expect(await servedKept(repo)).toBe(released);
    repo.tag('v1.3.0');
    expect(await servedKept(repo)).toBe(released);
    markKept(core);
    expect(await servedKept(repo)).toBe(released + 1);

    // A lower release tagged on the merged side branch takes its commits from the sections of
    // 1.1.0 and 1.2.0 (whose previous release stays 1.1.1): those two are built again.
    repo.tag('v1.0.5', 'side');
    expect(await servedKept(repo)).toBe(released + 1 - 2);
    markKept(core);

    // What every section is made with: each change builds them all again.
    const changes: [string, () => void][] = [
      ['.mailmap', () => repo.write('.mailmap', 'Bo Builder <bo@new.example> <bo@old.example>\n')],
      ['the policy', () => repo.write('.release-desk.yml', 'versioning:\n  sections:\n    perf: Faster\n')],
      ['the remote', () => repo.git('remote', 'add', 'origin', 'https://github.com/acme/desk.git')],
      ['the template', () => repo.write('.release-desk/changelog.hbs', '# {{version}}\n')],
    ];
    for (const [what, change] of changes) {
      change();
      expect(await servedKept(repo), what).toBe(0);
      markKept(core);
      expect(await servedKept(repo), `${what}, again`).toBeGreaterThan(0);
    }
  });

  it('reads only the new commits on top of a kept history, and keeps the grown one', async () => {
    const repo = await keptRepository();
    const { core } = session;
    const top = repo.commit('fix: one more');

    const { result: ours, argvs } = await tracedGit(() => changelog(core, repo));
    const walks = argvs.filter((argv) => /^(log|rev-list)$/.test(argv[0]!));
    expect(ours).toEqual(await fresh(repo));
    // The newest few to find the kept history below, then the new commit: never the whole history.
    expect(walks).toHaveLength(2);
    expect(
      walks.every((argv) => argv.some((arg) => arg.startsWith('--max-count') || arg.startsWith('^'))),
    ).toBe(true);
    await core.commitCache.flush();
    const graph = core.commitCache.db.prepare('SELECT graph FROM histories WHERE tip = ?').pluck().get(top);
    expect(graph).toMatch(/^\[\[/);
  });

  it('reads only what a merge on top brings in, in git’s order, and keeps the merged history', async () => {
    const repo = await keptRepository();
    const { core } = session;
    // A branch from v1.1.0 whose commits are dated among main's: git's order interleaves them.
    repo.checkout('late', true);
    repo.git('reset', '-q', '--hard', 'v1.1.0');
    for (let i = 0; i < 3; i++) {
      const date = `2026-01-05T09:${40 + i}:00Z`;
      repo.write(`late-${i}.txt`, `${i}\n`);
      repo.git('add', '-A');
      repo.gitWithEnv(
        { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
        'commit',
        '-q',
        '-m',
        `fix: late ${i}`,
      );
    }
    repo.checkout('main');
    const merged = repo.merge('late');

    const { result: ours, argvs } = await tracedGit(() => changelog(core, repo));
    expect(ours).toEqual(await fresh(repo));
    // One walk of the SHAs alone; bodies only of what the merge brought in.
    const bodies = argvs.filter((argv) => argv[0] === 'log');
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.every((argv) => argv.some((arg) => arg.startsWith('^')))).toBe(true);
    await core.commitCache.flush();
    const again = await tracedGit(() => changelog(core, repo));
    expect(again.result).toEqual(ours);
    expect(again.argvs.filter((argv) => /^(log|rev-list)$/.test(argv[0]!))).toEqual([]);
    expect(
      core.commitCache.db.prepare('SELECT graph FROM histories WHERE tip = ?').pluck().get(merged),
    ).toMatch(/^\[\[/);
  });

  it('builds a section again when its kept copy is damaged, and says nothing of it', async () => {
    const repo = await keptRepository();
    const { core } = session;
    core.commitCache.db.prepare("UPDATE sections SET document = 'not json'").run();
    const ours = await changelog(core, repo);
    expect(ours).toEqual(await fresh(repo));
    expect(ours.warnings).toEqual([]);
  });
});
