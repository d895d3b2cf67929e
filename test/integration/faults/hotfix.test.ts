import { describe, expect, it } from 'vitest';
import type { FaultBench } from './fault-fixture.js';
import { faultBenches } from './fault-fixture.js';

const newBench = faultBenches();

/** v1.0.0 and v1.1.0 on main (1.1 also has its release line), then two fixes on main. */
function arrange(b: FaultBench): { fixes: string[] } {
  b.repo.commit('feat: first', {
    'package.json': '{\n  "version": "1.0.0"\n}\n',
    'a.txt': 'a\n',
    'b.txt': 'b\n',
  });
  b.repo.tag('v1.0.0');
  b.repo.commit('feat: second', { 'package.json': '{\n  "version": "1.1.0"\n}\n' });
  b.repo.tag('v1.1.0');
  b.repo.git('branch', 'release/1.1');
  const fixes = [
    b.repo.commit('fix: a', { 'a.txt': 'a fixed\n' }),
    b.repo.commit('fix: b', { 'b.txt': 'b fixed\n' }),
  ];
  b.ok(['hotfix', 'start', '--from', 'v1.1.0']);
  return { fixes };
}

const FINISH_STEPS: [step: string, outcome: RegExp][] = [
  ['begun', /Rolled back the interrupted hotfix finish of v1\.1\.1: nothing was committed/],
  [
    'files',
    /Rolled back the interrupted hotfix finish of v1\.1\.1: nothing was committed; the files it wrote were put back/,
  ],
  ['staged', /Rolled back the interrupted hotfix finish of v1\.1\.1/],
  ['commit', /Completed the interrupted hotfix finish of v1\.1\.1/],
  ['tag', /Completed the interrupted hotfix finish of v1\.1\.1/],
  ['fast-track', /Completed the interrupted hotfix finish of v1\.1\.1/],
  ['carry:main', /Completed the interrupted hotfix finish of v1\.1\.1/],
  ['carry:release/1.1', /Completed the interrupted hotfix finish of v1\.1\.1/],
  ['recorded', /Completed the interrupted hotfix finish of v1\.1\.1/],
  ['returned', /Completed the interrupted hotfix finish of v1\.1\.1/],
];

describe.skipIf(process.platform === 'win32')('hotfix finish killed with SIGKILL at each step', () => {
  it.each(FINISH_STEPS)(
    'at "%s": the rerun releases the fix once, as v1.1.1, and carries only the fix',
    (step, outcome) => {
      const b = newBench();
      const { fixes } = arrange(b);
      b.ok(['hotfix', 'pick', fixes[0]!]);

      b.kill(['hotfix', 'finish'], `hotfix.finish:${step}`);
      const rerun = b.ok(['hotfix', 'finish', '--json']);
      expect(rerun.stderr).toMatch(outcome);
      expect(rerun.stderr.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ tag: 'v1.1.1', version: '1.1.1' });

      expect(b.tags()).toEqual(['v1.0.0', 'v1.1.0', 'v1.1.1']);
      const release = b.commitsTitled('chore(release): v1.1.1');
      expect(release).toHaveLength(1);
      expect(b.repo.git('rev-parse', 'v1.1.1^{commit}')).toBe(release[0]);
      const message = b.repo.git('for-each-ref', '--format=%(contents)', 'refs/tags/v1.1.1');
      expect(message.match(/^Release-Desk-Path: hotfix$/gm)).toHaveLength(1);
      // Main keeps its own version and notes: the release commit is not carried.
      expect(b.commitsTitled('chore(release): v1.1.1', 'main')).toEqual([]);
      expect(b.repo.git('show', 'main:package.json')).toContain('"version": "1.1.0"');
      // The fix lands on release/1.1 once.
      const carried = b.repo.git('log', 'v1.1.0..release/1.1', '--format=%s');
      expect(carried.split('\n')).toEqual(['fix: a']);
      expect(b.repo.git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
      expect(b.query(`SELECT state, tag FROM hotfixes`)).toEqual([{ state: 'finished', tag: 'v1.1.1' }]);
      expect(b.auditCount('release.created')).toBe(1);
      expect(b.auditCount('hotfix.finished')).toBe(1);
      expect(b.auditCount('hotfix.carried')).toBe(2);
      b.expectConsistent();

      const again = b.run(['hotfix', 'finish']);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/No hotfix in progress/);
      expect(b.tags()).toEqual(['v1.0.0', 'v1.1.0', 'v1.1.1']);
    },
  );
});

describe.skipIf(process.platform === 'win32')('hotfix pick killed with SIGKILL at each step', () => {
  const steps = ['begun', 'picked:0', 'picked:1'];
  it.each(steps)('at "%s": picking again puts each fix on the hotfix branch once', (step) => {
    const b = newBench();
    const { fixes } = arrange(b);
    const fault = step.startsWith('picked:') ? `picked:${fixes[Number(step.slice(7))]}` : step;

    b.kill(['hotfix', 'pick', ...fixes], `hotfix.pick:${fault}`);
    const rerun = b.ok(['hotfix', 'pick', ...fixes]);
    expect(rerun.stderr).toMatch(
      step === 'begun'
        ? /Rolled back the interrupted pick into hotfix\/1\.1\.1/
        : /Completed the interrupted pick into hotfix\/1\.1\.1/,
    );
    const subjects = b.repo.git('log', 'v1.1.0..hotfix/1.1.1', '--format=%s').split('\n');
    expect(subjects).toEqual(['fix: b', 'fix: a']);
    const recorded = b
      .query<{ details: string }>(`SELECT details FROM audit_events WHERE action = 'hotfix.picked'`)
      .flatMap((row) => (JSON.parse(row.details) as { picks: { from: string }[] }).picks.map((p) => p.from));
    expect(recorded.sort()).toEqual([...fixes].sort());
    b.expectConsistent();
  });
});
