import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readRepositoryContext,
  refreshRepositoryContext,
  repositoryContext,
  requireActor,
  requirePolicy,
} from '../../../src-main/core/repository/repository-context.js';
import { PolicyError } from '../../../src-main/core/policy/policy-error.js';
import { createDispatcher } from '../../../src-main/api/dispatch.js';
import { handlers } from '../../../src-main/api/handlers.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

const repos: TestRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.remove()));

function newRepo(): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  repo.commit('feat: one');
  return repo;
}

describe('the repository context a call reads once', () => {
  it('resolves a subdirectory to the working tree, with HEAD, branch and the policy’s tag naming', async () => {
    const repo = newRepo();
    repo.write('.release-desk.yml', 'versioning:\n  tagPrefix: "rel-"\n  olderTagPrefixes: ["release-"]\n');
    mkdirSync(path.join(repo.dir, 'src', 'deep'), { recursive: true });
    const context = await readRepositoryContext(path.join(repo.dir, 'src', 'deep'));
    expect(context.root).toBe(repo.git('rev-parse', '--show-toplevel'));
    expect(context.head).toBe(repo.head());
    expect(context.branch).toBe('main');
    expect(context.tagNaming).toEqual({ tagPrefix: 'rel-', olderTagPrefixes: ['release-'] });
    expect(context.policyError).toBeNull();
    expect(requirePolicy(context).versioning.tagPrefix).toBe('rel-');
  });

  it('keeps an invalid policy as its error, with key and line, and falls back to the v prefix', async () => {
    const repo = newRepo();
    repo.write('.release-desk.yml', 'versioning:\n  tagPrefix: "v"\n  preMajor: sometimes\n');
    const context = await readRepositoryContext(repo.dir);
    expect(context.policy).toBeNull();
    expect(context.tagNaming).toEqual({ tagPrefix: 'v', olderTagPrefixes: [] });
    expect(context.policyError).toBeInstanceOf(PolicyError);
    expect(context.policyError).toMatchObject({ key: 'versioning.preMajor', line: 3 });
    expect(() => requirePolicy(context)).toThrow(context.policyError!);
  });

  it('reads the actor on first use, in the repository with the call’s git environment, then keeps it', async () => {
    const repo = newRepo();
    const env = { GIT_COMMITTER_NAME: 'Bob Builder', GIT_COMMITTER_EMAIL: 'bob@example.com' };
    const context = await readRepositoryContext(repo.dir, env);
    const first = context.actor();
    expect(await first).toBe('Bob Builder <bob@example.com>');
    expect(context.actor()).toBe(first);
    expect(await requireActor(context)).toBe('Bob Builder <bob@example.com>');
  });

  it('passes a context through unchanged and reads a path into one', async () => {
    const repo = newRepo();
    const context = await readRepositoryContext(repo.dir);
    expect(await repositoryContext(null, context)).toBe(context);
    expect((await repositoryContext({ gitEnv: {} }, repo.dir)).head).toBe(context.head);
  });

  it('refreshes HEAD, branch and policy after the call itself moved them', async () => {
    const repo = newRepo();
    const context = await readRepositoryContext(repo.dir);
    repo.git('switch', '-q', '-c', 'topic');
    const moved = repo.commit('fix: two', { '.release-desk.yml': 'versioning:\n  tagPrefix: "x"\n' });
    await refreshRepositoryContext(context);
    expect(context).toMatchObject({
      head: moved,
      branch: 'topic',
      tagNaming: { tagPrefix: 'x', olderTagPrefixes: [] },
    });
  });

  it('refuses what is not a working copy with its specific code', async () => {
    const repo = newRepo();
    await expect(readRepositoryContext(path.join(repo.dir, 'missing'))).rejects.toMatchObject({
      code: 'not-a-directory',
    });
    await expect(readRepositoryContext(path.join(repo.dir, '.git'))).rejects.toMatchObject({
      code: 'not-a-repository',
    });
  });
});

describe('the actor a confirmation shows', () => {
  it('is who the go/no-go is recorded under: the repository’s identity, not the server’s directory', async () => {
    const core = testCore();
    try {
      const repo = newRepo();
      repo.git('config', 'user.name', 'Carol Local');
      repo.git('config', 'user.email', 'carol@example.com');
      repo.commit('feat: two');
      const dispatch = createDispatcher({ handlers, isTrusted: () => true });
      const call = async (channel: string, input: unknown) => {
        const result = await dispatch(channel, input, {
          core,
          caller: { kind: 'test', trusted: true },
          mode: 'browser',
        });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as { actor: string | null; decisions: { actor: string }[] };
      };
      await call('train.cut', { path: repo.dir });
      const board = await call('train.status', { path: repo.dir });
      expect(board.actor).toBe('Carol Local <carol@example.com>');
      const decided = await call('train.goNoGo', { path: repo.dir, decision: 'go' });
      expect(decided.decisions.map((d) => d.actor)).toEqual([board.actor]);
    } finally {
      await core.dispose();
    }
  });
});
