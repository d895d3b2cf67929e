import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultBench } from './fault-fixture.js';
import { faultBenches } from './fault-fixture.js';

const newBench = faultBenches();

/** A train cut at "feat: two" with two fixes on main after it. */
function arrange(b: FaultBench): { fixes: string[] } {
  b.repo.commit('feat: one');
  b.repo.tag('v1.0.0');
  b.repo.commit('feat: two');
  const cutAt = b.repo.head();
  const fixes = [
    b.repo.commit('fix: three', { 'three.txt': '3\n' }),
    b.repo.commit('fix: four', { 'four.txt': '4\n' }),
  ];
  b.ok(['train', 'cut', '--at', cutAt]);
  return { fixes };
}

function staleWorktrees(b: FaultBench): string[] {
  const home = path.join(b.repo.dir, '.git', 'release-desk-worktrees');
  return existsSync(home) ? readdirSync(home) : [];
}

const SHIP_STEPS: [step: string, outcome: RegExp][] = [
  [
    'begun',
    /Rolled back the interrupted ship of train-1\.1\.0: nothing was committed; its worktree was removed/,
  ],
  ['files', /Rolled back the interrupted ship of train-1\.1\.0/],
  ['staged', /Rolled back the interrupted ship of train-1\.1\.0/],
  ['commit', /Completed the interrupted ship of train-1\.1\.0: v1\.1\.0 at [0-9a-f]{7} \(tagged/],
  ['tag', /Completed the interrupted ship of train-1\.1\.0: v1\.1\.0 at [0-9a-f]{7}, recorded as shipped/],
];

describe.skipIf(process.platform === 'win32')('train ship killed with SIGKILL at each step', () => {
  it.each(SHIP_STEPS)(
    'at "%s": its worktree is removed, and the rerun ships v1.1.0 once',
    (step, outcome) => {
      const b = newBench();
      const { fixes } = arrange(b);
      b.ok(['train', 'freeze']);
      b.ok(['train', 'pick', fixes[0]!]);
      b.ok(['train', 'go']);

      b.kill(['train', 'ship'], `train.ship:${step}`);
      // What a killed ship leaves: its worktree, holding the release branch.
      expect(staleWorktrees(b)).toHaveLength(1);
      expect(b.repo.git('worktree', 'list')).toContain('release/1.1');

      const rerun = b.ok(['train', 'ship', '--json']);
      expect(rerun.stderr).toMatch(outcome);
      expect(rerun.stderr.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(rerun.stdout)).toMatchObject({ train: 'train-1.1.0', tag: 'v1.1.0' });
      expect(b.tags()).toEqual(['v1.0.0', 'v1.1.0']);
      const release = b.commitsTitled('chore(release): v1.1.0');
      expect(release).toHaveLength(1);
      expect(b.repo.git('rev-parse', 'v1.1.0^{commit}', 'release/1.1').split('\n')).toEqual([
        release[0],
        release[0],
      ]);
      expect(b.query(`SELECT state, shipped_sha FROM trains`)).toEqual([
        { state: 'shipped', shipped_sha: release[0] },
      ]);
      expect(b.auditCount('train.shipped')).toBe(1);
      expect(b.auditCount('release.created')).toBe(1);
      b.expectConsistent();

      const again = b.run(['train', 'ship']);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/train-1\.1\.0, is shipped/);
      expect(again.stderr).not.toMatch(/uncommitted changes/);
    },
  );

  it('a stale worktree from a killed run never passes for the user checkout: the next ship works', () => {
    const b = newBench();
    const { fixes } = arrange(b);
    b.ok(['train', 'freeze']);
    b.ok(['train', 'pick', fixes[0]!]);
    b.ok(['train', 'go']);
    b.kill(['train', 'ship'], 'train.ship:files');
    // Any command on the repository finds it first.
    const status = b.ok(['train', 'status']);
    expect(status.stderr).toMatch(/Rolled back the interrupted ship of train-1\.1\.0/);
    expect(staleWorktrees(b)).toEqual([]);
    expect(b.ok(['train', 'ship']).stderr).toBe('');
    expect(b.tags()).toEqual(['v1.0.0', 'v1.1.0']);
    b.expectConsistent();
  });
});

describe.skipIf(process.platform === 'win32')('train pick killed with SIGKILL at each step', () => {
  const steps = ['begun', 'picked:0', 'picked:1', 'moved'];
  it.each(steps)('at "%s": picking again puts each fix on the train once', (step) => {
    const b = newBench();
    const { fixes } = arrange(b);
    const fault = step.startsWith('picked:') ? `picked:${fixes[Number(step.slice(7))]}` : step;

    b.kill(['train', 'pick', ...fixes], `train.pick:${fault}`);
    const rerun = b.ok(['train', 'pick', ...fixes]);
    expect(rerun.stderr).toMatch(
      step === 'moved'
        ? /Completed the interrupted pick onto release\/1\.1: recorded the 2 of 2 picks/
        : /Rolled back the interrupted pick onto release\/1\.1: nothing reached the branch/,
    );
    const subjects = b.repo.git('log', 'main~2..release/1.1', '--format=%s').split('\n');
    expect(subjects).toEqual(['fix: four', 'fix: three']);
    const recorded = b
      .query<{ details: string }>(`SELECT details FROM audit_events WHERE action = 'train.picked'`)
      .flatMap((row) => (JSON.parse(row.details) as { picks: { from: string }[] }).picks.map((p) => p.from));
    expect(recorded.sort()).toEqual([...fixes].sort());
    b.expectConsistent();
  });
});
