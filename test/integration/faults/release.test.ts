import { describe, expect, it } from 'vitest';
import { faultBenches } from './fault-fixture.js';

const newBench = faultBenches();

/** Every step `release` records, in order, and whether the next run finishes or undoes it. */
const STEPS: [step: string, outcome: RegExp][] = [
  ['begun', /Rolled back the interrupted release v1\.0\.1: nothing was committed/],
  [
    'files',
    /Rolled back the interrupted release v1\.0\.1: nothing was committed; the files it wrote were put back/,
  ],
  ['staged', /Rolled back the interrupted release v1\.0\.1/],
  [
    'commit',
    /Completed the interrupted release v1\.0\.1 at [0-9a-f]{7} \(tagged [0-9a-f]{7}, pushed to origin\)/,
  ],
  // Tagged (and maybe pushed) but not yet recorded: the push is made (again: it is idempotent).
  [
    'tag',
    /Completed the interrupted release v1\.0\.1 at [0-9a-f]{7} \(pushed to origin\): it is released and recorded/,
  ],
  [
    'push',
    /Completed the interrupted release v1\.0\.1 at [0-9a-f]{7} \(pushed to origin\): it is released and recorded/,
  ],
];

describe.skipIf(process.platform === 'win32')('release killed with SIGKILL at each step', () => {
  it.each(STEPS)(
    'at "%s": the next run says what it did and the release exists exactly once',
    (step, outcome) => {
      const b = newBench();
      const remote = b.scratch;
      b.repo.git('init', '-q', '--bare', remote);
      b.repo.git('remote', 'add', 'origin', remote);
      b.repo.commit('feat: first', { 'package.json': '{\n  "name": "x",\n  "version": "1.0.0"\n}\n' });
      b.repo.tag('v1.0.0');
      b.repo.commit('fix: a bug');
      b.repo.git('push', '-q', 'origin', 'main', 'v1.0.0');
      const args = ['release', '--push', '--json'];

      b.kill(args, `release:${step}`);
      const rerun = b.ok(args);
      expect(rerun.stderr).toMatch(outcome);
      expect(rerun.stderr.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ tag: 'v1.0.1', pushed: true });

      expect(b.tags()).toEqual(['v1.0.0', 'v1.0.1']);
      const commits = b.commitsTitled('chore(release): v1.0.1', 'main');
      expect(commits).toHaveLength(1);
      expect(b.repo.git('rev-parse', 'v1.0.1^{commit}')).toBe(commits[0]);
      expect(b.repo.git('--git-dir', remote, 'rev-parse', 'v1.0.1^{commit}', 'main').split('\n')).toEqual([
        commits[0],
        commits[0],
      ]);
      expect(b.repo.git('show', 'main:package.json')).toContain('"version": "1.0.1"');
      expect(b.auditCount('release.created')).toBe(1);
      b.expectConsistent();

      // Once more: nothing left to release, and nothing else happens.
      const again = b.run(args);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/Nothing to release/);
      expect(b.tags()).toEqual(['v1.0.0', 'v1.0.1']);
      expect(b.auditCount('release.created')).toBe(1);
    },
  );

  it('is found by any other command on the repository first, and the release is not made twice', () => {
    const b = newBench();
    b.repo.commit('feat: first');
    b.repo.tag('v1.0.0');
    b.repo.commit('fix: a bug');
    b.kill(['release'], 'release:commit');
    const other = b.ok(['next-version', '--json']);
    expect(other.stderr).toMatch(/^release-desk next-version: Completed the interrupted release v1\.0\.1/);
    expect(JSON.parse(other.stdout)).toMatchObject({ current: '1.0.1' });
    expect(b.tags()).toEqual(['v1.0.0', 'v1.0.1']);
    expect(b.auditCount('release.created')).toBe(1);
    b.expectConsistent();
  });

  it('two at once make one release: the other is refused or finds nothing left to release', async () => {
    const b = newBench();
    b.repo.commit('feat: first');
    b.repo.tag('v1.0.0');
    b.repo.commit('fix: a bug');
    // The data dir exists first: concurrent first use of a fresh one is another matter (migrations).
    b.ok(['next-version']);
    const runs = await Promise.all([b.start(['release']), b.start(['release'])]);
    const statuses = runs.map((r) => r.status).sort();
    expect(statuses, runs.map((r) => r.stderr).join('\n')).toEqual([0, 1]);
    expect(runs.find((r) => r.status === 1)!.stderr).toMatch(
      /Another Release Desk process \(\d+\) is releasing v1\.0\.1|Nothing to release|The tag v1\.0\.1 already exists/,
    );
    expect(b.tags()).toEqual(['v1.0.0', 'v1.0.1']);
    expect(b.commitsTitled('chore(release): v1.0.1')).toHaveLength(1);
    expect(b.auditCount('release.created')).toBe(1);
    b.expectConsistent();
  });

  it('a recovery that cannot finish (the remote is gone) says so, changes nothing more, and the next run finishes it', () => {
    const b = newBench();
    const remote = b.scratch;
    b.repo.git('init', '-q', '--bare', remote);
    b.repo.git('remote', 'add', 'origin', remote);
    b.repo.commit('feat: first');
    b.repo.tag('v1.0.0');
    b.repo.commit('fix: a bug');
    b.repo.git('push', '-q', 'origin', 'main', 'v1.0.0');
    b.kill(['release', '--push'], 'release:tag');
    b.repo.git('remote', 'set-url', 'origin', `${remote}-moved`);

    const stuck = b.run(['release', '--push']);
    expect(stuck.status).toBe(1);
    expect(stuck.stderr).toMatch(/Could not finish or undo the interrupted run releasing v1\.0\.1: /);
    expect(stuck.stderr).toMatch(
      /was killed while releasing v1\.0\.1: run the command again to finish or undo it/,
    );
    expect(b.auditCount('release.created')).toBe(0);
    expect(b.query(`SELECT state FROM intents WHERE action = 'release'`)).toEqual([{ state: 'running' }]);

    b.repo.git('remote', 'set-url', 'origin', remote);
    const rerun = b.ok(['release', '--push']);
    expect(rerun.stderr).toMatch(/Completed the interrupted release v1\.0\.1/);
    expect(b.tags()).toEqual(['v1.0.0', 'v1.0.1']);
    expect(b.auditCount('release.created')).toBe(1);
    b.expectConsistent();
  });

  it.each([
    [
      'files',
      /Rolled back the interrupted release pkg-v1\.0\.1: nothing was committed; the files it wrote were put back/,
    ],
    ['commit', /Completed the interrupted release pkg-v1\.0\.1 at [0-9a-f]{7}/],
  ])('a monorepo package killed at "%s": its own files are put back or released once', (step, outcome) => {
    const b = newBench();
    const manifest = '{\n  "name": "pkg",\n  "version": "1.0.0"\n}\n';
    b.repo.commit('feat: first', {
      'packages/pkg/package.json': manifest,
      '.release-desk.yml': 'versioning:\n  tagPrefix: pkg-v\n  paths: [packages/pkg]\n',
    });
    b.repo.tag('pkg-v1.0.0');
    b.repo.commit('fix(pkg): a bug', { 'packages/pkg/index.js': '2\n' });

    b.kill(['release'], `release:${step}`);
    const rerun = b.ok(['release', '--json']);
    expect(rerun.stderr).toMatch(outcome);
    expect(JSON.parse(rerun.stdout)).toMatchObject({
      tag: 'pkg-v1.0.1',
      files: ['packages/pkg/package.json', 'packages/pkg/CHANGELOG.md'],
    });
    expect(b.tags()).toEqual(['pkg-v1.0.0', 'pkg-v1.0.1']);
    expect(b.commitsTitled('chore(release): pkg-v1.0.1')).toHaveLength(1);
    expect(b.repo.git('show', 'main:packages/pkg/package.json')).toContain('"version": "1.0.1"');
    expect(b.repo.git('status', '--porcelain')).toBe('');
    expect(b.auditCount('release.created')).toBe(1);
    b.expectConsistent();
  });
});
