import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogForRange } from '../../../src-main/core/changelog/range-changelog.js';
import { planRelease } from '../../../src-main/core/versioning/plan-release.js';
import { type TestRepo } from '../../support/git-fixture.js';
import { gitCommands } from '../../support/git-trace.js';
import { repoSession } from '../../support/repo-session.js';
import { siblingLines } from '../../support/sibling-lines-fixture.js';

/**
 * A release line's previous release on a sibling line (issue 10, angular/components' 22.0.0):
 * `22.0.x` reaches main's prereleases but no stable release, which all live on `21.2.x`.
 */

const session = repoSession();
const newRepo = () => session.newRepo();

async function plan(repo: TestRepo, request: Parameters<typeof planRelease>[2] = {}) {
  return (await planRelease(session.core, repo.dir, request)).view;
}

// The features and fixes a plan lists (the `release:` commits that cut a line are no note).
const listed = (view: Awaited<ReturnType<typeof plan>>): string[] =>
  view.groups
    .filter((group) => group.type === 'feat' || group.type === 'fix')
    .flatMap((group) => group.commits.map((commit) => commit.sha))
    .sort();
const PICKED = '2 changes already released in v21.2.2 (picked onto its line) left out.';

describe('a release line counts from the stable release of the line cut before it', () => {
  it('rolls up main’s changes since the 21.2.x cut into 22.0.0, leaving out the fixes picked onto 21.2.x', async () => {
    const repo = newRepo();
    const { beforeCut, picked, since } = siblingLines(repo);
    const view = await plan(repo);
    expect(view).toMatchObject({ current: '21.2.2', from: 'v21.2.2', next: '22.0.0', blocked: null });
    expect(listed(view)).toEqual([...since].sort());
    expect(view.warnings).toContain(PICKED);
    for (const subject of ['ancient engine', 'overlay flicker', 'ghost offset'])
      expect(view.changelog).not.toContain(subject);
    for (const subject of ['drop the legacy theme', 'virtual scroll', 'scroll jank', 'rc regression'])
      expect(view.changelog).toContain(subject);
    expect((await plan(repo, { prerelease: 'rc' })).next).toBe('22.0.0-rc.1');

    // Once tagged, the same notes for the tag, with nothing checked out there.
    repo.tag('v22.0.0');
    repo.checkout('main');
    const notes = await changelogForRange(session.core, repo.dir, { to: 'v22.0.0' });
    expect(notes.documents).toHaveLength(1);
    expect(notes.documents[0]!.version).toBe('22.0.0');
    const shas = notes.documents[0]!.sections.flatMap((section) => section.entries.map((entry) => entry.sha));
    expect([...new Set(shas)].sort()).toEqual([...since].sort());
    expect(notes.warnings).toContain(PICKED);
    expect(shas).not.toContain(beforeCut[0]);
    expect(shas).not.toContain(picked[0]);
  });

  it('keeps an old line on its own patches once 22.0.0 exists: 21.2.x goes to 21.2.3', async () => {
    const repo = newRepo();
    siblingLines(repo);
    repo.tag('v22.0.0');
    repo.checkout('21.2.x');
    const fix = repo.commit('fix(@angular/cdk): only on the old line');
    const view = await plan(repo);
    expect(view).toMatchObject({ current: '21.2.2', from: 'v21.2.2', next: '21.2.3', blocked: null });
    expect(listed(view)).toEqual([fix]);
    expect(view.warnings).toEqual([]);
  });

  it('never counts from a release at or above the version the line is at, nor from one made on top of it', async () => {
    const repo = newRepo();
    siblingLines(repo);
    repo.tag('v22.0.0');
    repo.checkout('main');
    repo.commit('feat: after the 22.0 cut');
    repo.checkout('22.1.x', true);
    repo.commit('release: cut the v22.1.0 release');
    repo.tag('v22.1.0');
    // A branch from the rc: its line is at 22.0.0-rc.0, so 22.0.0 and 22.1.0 are not before it.
    repo.checkout('v22.0.0-rc.0');
    repo.checkout('rc-fix', true);
    const target = repo.commit('fix(@angular/cdk/overlay): for rc.1');
    // A lower release made on top of the target is a later release, not a previous one.
    repo.checkout('on-top', true);
    repo.commit('release: cut the v21.9.0 release');
    repo.tag('v21.9.0');
    repo.checkout('rc-fix');
    const view = await plan(repo, { prerelease: 'rc' });
    expect(view).toMatchObject({ current: '21.2.2', from: 'v21.2.2', next: '22.0.0-rc.1', to: target });
  });

  it('keeps today’s range for a line that reaches no release', async () => {
    const repo = newRepo();
    const { beforeCut } = siblingLines(repo);
    repo.checkout(beforeCut[0]!);
    repo.checkout('spike', true);
    const spike = repo.commit('feat: a spike before any release');
    const view = await plan(repo);
    expect(view).toMatchObject({ current: null, from: null });
    expect(listed(view)).toEqual([beforeCut[0]!, spike].sort());
  });
});

describe('a clone that lacks an object', () => {
  it('keeps in the one pick git cannot diff and still plans the release', async () => {
    const repo = newRepo();
    const { picked } = siblingLines(repo);
    // One file on both lines, different only far from the change: a pick without -x then has
    // the change's patch-id but other blobs, so git has to read them to tell.
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const file = (last: string, second = 'line 2') =>
      `${[lines[0], second, ...lines.slice(2, 19), last].join('\n')}\n`;
    repo.commit('chore: the long file', { 'long.txt': file('line 20') });
    repo.checkout('21.2.x');
    repo.commit('chore: the long file, its 21.2 ending', { 'long.txt': file('line 20 (21.2)') });
    repo.checkout('22.0.x');
    const fix = repo.commit('fix: the second line', { 'long.txt': file('line 20', 'line two') });
    repo.checkout('21.2.x');
    repo.git('cherry-pick', fix);
    repo.tag('v21.2.3');
    // The fix's blob, gone from the clone (a damaged or partial clone): its patch cannot be read.
    // (Not checked out: git would read a checked-out file in its place.)
    const blob = repo.git('rev-parse', `${fix}:long.txt`);
    unlinkSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const view = await plan(repo, { to: '22.0.x' });
    expect(view).toMatchObject({ current: '21.2.3', next: '22.0.0' });
    // The picks git can read are left out as ever; the unreadable one stays in.
    expect(listed(view)).toContain(fix);
    expect(listed(view)).not.toContain(picked[0]);
    expect(listed(view)).not.toContain(picked[1]);
    expect(view.warnings).toContain('2 changes already released in v21.2.3 (picked onto its line) left out.');
  });
});

describe('the sibling-line search', () => {
  it('asks git once about the highest candidates, however many releases the sibling lines hold', async () => {
    const repo = newRepo();
    siblingLines(repo);
    repo.checkout('21.2.x');
    for (let patch = 3; patch <= 40; patch++) {
      repo.commit(`fix: patch ${patch}`);
      repo.tag(`v21.2.${patch}`);
    }
    repo.checkout('22.0.x');
    const commands = await gitCommands(async () =>
      expect(await plan(repo, { changelog: false })).toMatchObject({ current: '21.2.40', next: '22.0.0' }),
    );
    const reachability = commands.filter(
      (c) => c.startsWith('merge-base --is-ancestor') || (c.startsWith('rev-list') && c.includes('--stdin')),
    );
    // Whether the target is on main, then the reached-release search (a probe alone, three
    // batches of four, one `for-each-ref --merged` walk), then one process asks whether the
    // twelve highest sibling releases contain the target.
    expect(reachability).toHaveLength(6);
    expect(reachability.filter((c) => c === 'rev-list --parents --stdin')).toHaveLength(1);
    expect(commands.filter((c) => c.startsWith('for-each-ref --merged'))).toHaveLength(1);
  });
});
