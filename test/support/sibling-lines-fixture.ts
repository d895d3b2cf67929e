import type { TestRepo } from './git-fixture.js';

/** What the sibling-lines history holds, by role. */
export interface SiblingLines {
  /** Commits from before the `21.2.x` cut: released with 21.2.0, never in a 22.0 note. */
  beforeCut: string[];
  /** Fixes made on main and picked onto `21.2.x` (one with `-x`, one without): shipped in 21.2.1/21.2.2. */
  picked: string[];
  /** Main's changes since the cut and the `22.0.x` line's own: what the 22.0.0 notes list. */
  since: string[];
}

/**
 * The Angular shape of issue 10 (angular/components' 22.0.0): main carries `X.Y.0-next.N`; the
 * `21.2.x` line is cut with 21.2.0 and gets main's fixes as cherry-picks (21.2.1, 21.2.2); main
 * goes on to `22.0.0-next.0..2`; the `22.0.x` line is cut with 22.0.0-rc.0 and a fix of its own.
 * No stable release is reachable from `22.0.x`: they all live on `21.2.x`. Left checked out on
 * `22.0.x`, ready for 22.0.0.
 */
export function siblingLines(repo: TestRepo): SiblingLines {
  const beforeCut = [
    repo.commit('feat: ancient engine'),
    repo.commit('fix: ancient bug'),
    repo.commit('feat(@angular/cdk): overlay'),
  ];
  repo.tag('v21.2.0-next.0');
  beforeCut.push(repo.commit('feat(@angular/cdk/drag-drop): sorting'));
  repo.tag('v21.2.0-next.1');
  repo.checkout('21.2.x', true);
  repo.commit('release: cut the v21.2.0 release');
  repo.tag('v21.2.0');

  repo.checkout('main');
  const picked = [repo.commit('fix(@angular/cdk): overlay flicker', { 'overlay.txt': 'steady\n' })];
  repo.checkout('21.2.x');
  repo.cherryPick(picked[0]!);
  repo.tag('v21.2.1');
  repo.checkout('main');
  // Picked without -x: only the patch-id tells it is the same change.
  picked.push(repo.commit('fix(@angular/cdk/drag-drop): ghost offset', { 'ghost.txt': 'aligned\n' }));
  repo.checkout('21.2.x');
  repo.git('cherry-pick', picked[1]!);
  repo.tag('v21.2.2');

  repo.checkout('main');
  const since = [repo.commit('feat!: drop the legacy theme')];
  repo.tag('v22.0.0-next.0');
  since.push(repo.commit('feat(@angular/cdk/scrolling): virtual scroll'));
  repo.tag('v22.0.0-next.1');
  since.push(repo.commit('fix(@angular/cdk/scrolling): scroll jank'));
  repo.tag('v22.0.0-next.2');
  repo.checkout('22.0.x', true);
  repo.commit('release: cut the v22.0.0-rc.0 release');
  repo.tag('v22.0.0-rc.0');
  since.push(repo.commit('fix(@angular/cdk/overlay): rc regression'));
  return { beforeCut, picked, since };
}
