import { describe, expect, it } from 'vitest';
import type { TimelineRelease } from '../../../src-main/core/replay/tag-timeline.js';
import { variantReleases } from '../../../src-main/core/replay/tag-timeline.js';

let created = 0;
function release(version: string): TimelineRelease {
  created += 60;
  return { name: `v${version}`, version, sha: `${created}`, created, prerelease: version.includes('-') };
}

const names = (timeline: TimelineRelease[]): string[] =>
  timeline.filter((r) => variantReleases(timeline).has(r)).map((r) => r.name);

describe('variantReleases', () => {
  it('is a prerelease tagged after its own version was released stable', () => {
    const timeline = ['17.7.2', '17.7.2-deno', '18.0.0', '18.0.0-deno', '18.1.0', '18.1.0-deno'].map(release);
    expect(names(timeline)).toEqual(['v17.7.2-deno', 'v18.0.0-deno', 'v18.1.0-deno']);
  });

  it('is not a prerelease made before its stable release, nor one of a version never released', () => {
    const timeline = ['1.0.0', '1.1.0-rc.1', '1.1.0-rc.2', '1.1.0', '1.2.0-next.0', '2.0.0-beta.1'].map(
      release,
    );
    expect(names(timeline)).toEqual([]);
  });

  it('counts only the same version: a prerelease of the next patch after a stable is a step', () => {
    const timeline = ['1.1.0', '1.1.1-rc.1', '1.1.0-hotfix.1'].map(release);
    expect(names(timeline)).toEqual(['v1.1.0-hotfix.1']);
  });

  it('is a prerelease tagged in the same second as its stable release, whichever sorts first', () => {
    const [stable, rc] = [release('2.0.0'), release('2.0.0-rc.1')];
    const deno = { ...release('2.0.0-deno'), created: stable!.created };
    const timeline = [deno, stable!, rc!];
    expect(names(timeline)).toEqual(['v2.0.0-deno', 'v2.0.0-rc.1']);
    // One second before its stable release, a prerelease is still a step.
    expect(names([{ ...deno, created: stable!.created - 1 }, stable!])).toEqual([]);
  });
});
