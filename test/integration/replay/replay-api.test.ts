import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/progress.js';
import type { ReplayReport } from '../../../shared/domain/replay.js';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { testCore } from '../../support/core-fixture.js';
import type { TestRepo } from '../../support/git-fixture.js';
import { replayFixture } from '../../support/replay-fixture.js';

let repo: TestRepo;
const events: ProgressEvent[] = [];
const core = testCore({ progress: (event) => events.push(event) });
const dispatch = createDispatcher({ handlers, isTrusted: () => true });
const call = (input: unknown) =>
  dispatch('release.replay', input, { core, caller: { kind: 'test', trusted: true }, mode: 'browser' });

beforeAll(() => {
  repo = replayFixture();
});
afterAll(async () => {
  repo.remove();
  await core.dispose();
});

describe('release.replay', () => {
  it('answers with the figures, each disagreement with its kind and cause, and reports progress', async () => {
    const result = await call({ path: repo.dir, limit: 3 });
    expect(result.ok).toBe(true);
    const report = (result as { value: ReplayReport }).value;
    expect(report).toMatchObject({
      releases: 3,
      versionsAgreed: 1,
      notesCompared: 2,
      notesAgreed: 1,
      tagPrefix: 'v',
      releaseTags: 7,
      otherTags: 0,
    });
    expect(report.disagreements.map(({ tag, kind, cause }) => ({ tag, kind, cause }))).toEqual([
      { tag: 'v1.0.1', kind: 'version', cause: 'a tag on an already released commit' },
      { tag: 'v2.0.0', kind: 'version', cause: 'a manual major (no breaking change in its commits)' },
      { tag: 'v2.0.0', kind: 'notes', cause: 'shipped notes list non-conventional commits' },
    ]);
    expect(report.causes).toEqual([
      { cause: 'a manual major (no breaking change in its commits)', count: 1 },
      { cause: 'a tag on an already released commit', count: 1 },
      { cause: 'shipped notes list non-conventional commits', count: 1 },
    ]);
    const replay = events.filter((event) => event.kind === 'replay');
    expect(replay.map((event) => [event.done, event.total, event.finished])).toEqual([
      [0, 3, false],
      [1, 3, false],
      [2, 3, false],
      [3, 3, false],
      [3, 3, true],
    ]);
    expect(new Set(replay.map((event) => event.job)).size).toBe(1);
  });

  it('rejects a limit below 1 or not whole, and an empty since, before replaying anything', async () => {
    for (const [input, message] of [
      [{ limit: 0 }, 'Invalid input for release.replay: limit: limit must be at least 1'],
      [{ limit: 2.5 }, 'Invalid input for release.replay: limit: limit must be a whole number'],
      [{ since: '' }, 'Invalid input for release.replay: since: since must name a release tag'],
    ] as const) {
      expect(await call({ path: repo.dir, ...input })).toEqual({
        ok: false,
        error: { code: 'invalid-input', message },
      });
    }
  });

  it('says which tag --since could not find', async () => {
    expect(await call({ path: repo.dir, since: 'v9.9.9' })).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: 'No release tag "v9.9.9" to start from: --since takes a release tag such as v1.0.1.',
      },
    });
  });
});
