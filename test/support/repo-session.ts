import { afterEach, beforeEach } from 'vitest';
import { testCore } from './core-fixture.js';
import { TestRepo } from './git-fixture.js';

export interface RepoSession {
  /** A fresh core for each test, on its own data directory, with the session's fixed clock. */
  readonly core: ReturnType<typeof testCore>;
  /** A repository removed after the test. */
  newRepo(): TestRepo;
}

/** A test file's core and repositories: made before each test, disposed of and removed after it. */
export function repoSession(now = '2026-02-03T09:00:00Z'): RepoSession {
  let core: ReturnType<typeof testCore> | undefined;
  const repos: TestRepo[] = [];
  beforeEach(() => {
    core = testCore({ now: () => new Date(now) });
  });
  afterEach(async () => {
    await core?.dispose();
    for (const repo of repos.splice(0)) repo.remove();
  });
  return {
    get core() {
      if (core === undefined) throw new Error('the session core exists only inside a test');
      return core;
    },
    newRepo() {
      const repo = new TestRepo();
      repos.push(repo);
      return repo;
    },
  };
}
