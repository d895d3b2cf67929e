import { expect } from 'vitest';
import type { ReplayReport } from '../../shared/domain/replay.js';
import { createDispatcher } from '../../src-main/api/dispatch.js';
import { handlers } from '../../src-main/api/handlers.js';
import type { Core } from '../../src-main/core/context.js';
import type { TestRepo } from './git-fixture.js';
/** `release.replay` through the dispatcher, as every face asks it; fails the test on an error. */
export async function replayOverApi(core: Core, repo: TestRepo): Promise<ReplayReport> {
  const dispatch = createDispatcher({ handlers, isTrusted: () => true });
  const result = await dispatch(
    'release.replay',
    { path: repo.dir },
    { core, caller: { kind: 'test', trusted: true }, mode: 'browser' },
  );
  expect(result.ok).toBe(true);
  return (result as { value: ReplayReport }).value;
}
