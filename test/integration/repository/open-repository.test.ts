import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRepository } from '../../../src-main/core/repository/open-repository.js';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { testCore } from '../../support/core-fixture.js';
import { captureIo } from '../../support/cli-io.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
const repos: TestRepo[] = [];
afterEach(async () => {
  await core?.dispose();
  for (const repo of repos.splice(0)) repo.remove();
});

function newRepo(): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  return repo;
}

function rowCounts() {
  return core.db
    .prepare(
      'SELECT (SELECT count(*) FROM repositories) AS repos, (SELECT count(*) FROM audit_events) AS events',
    )
    .get();
}

describe('opening a repository', () => {
  it('summarizes a good repository and records the opening', async () => {
    core = testCore();
    const repo = newRepo();
    repo.commit('feat: first');
    repo.tag('v0.1.0');
    repo.tag('not-semver');
    repo.commit('fix: second');
    const summary = await openRepository(core, repo.dir);
    expect(summary).toMatchObject({
      name: path.basename(repo.dir),
      branch: 'main',
      head: repo.head(),
      latestTag: 'v0.1.0',
      latestVersion: '0.1.0',
      warnings: [],
    });
    expect(core.audit.list()[0]).toMatchObject({
      action: 'repository.opened',
      repo: summary.path,
      actor: 'Ada Tester <ada@example.com>',
    });
  });

  const badKinds: [string, () => string, string, RegExp][] = [
    ['a missing path', () => '/no/such/dir/anywhere', 'not-a-directory', /does not exist/],
    [
      'a file',
      () => {
        const d = tempDir();
        writeFileSync(path.join(d, 'f'), 'x');
        return path.join(d, 'f');
      },
      'not-a-directory',
      /not a directory/,
    ],
    ['a plain directory', () => tempDir(), 'not-a-repository', /not a git repository/],
    [
      'a bare repository',
      () => {
        const d = tempDir();
        execFileSync('git', ['init', '-q', '--bare', d]);
        return d;
      },
      'bare-repository',
      /bare repository/,
    ],
    ['an empty repository', () => new TestRepo().dir, 'empty-repository', /no commits yet/],
    [
      'the .git directory itself',
      () => {
        const repo = newRepo();
        repo.commit('feat: a');
        return path.join(repo.dir, '.git');
      },
      'not-a-repository',
      /inside a git directory/,
    ],
  ];

  it.each(badKinds)(
    'refuses %s with its own error and writes nothing',
    async (_name, make, code, message) => {
      core = testCore();
      const dir = make();
      await expect(openRepository(core, dir)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
      expect(rowCounts()).toEqual({ repos: 0, events: 0 });
    },
  );

  it('warns about a shallow clone but opens it', async () => {
    core = testCore();
    const origin = newRepo();
    for (let i = 0; i < 4; i += 1) origin.commit(`fix: change ${i}`);
    const clone = tempDir();
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, clone]);
    const summary = await openRepository(core, clone);
    expect(summary.warnings.join(' ')).toMatch(/shallow clone/);
  });

  it('opens a detached HEAD and says so (actions that need a branch refuse later)', async () => {
    core = testCore();
    const repo = newRepo();
    const first = repo.commit('feat: a');
    repo.commit('feat: b');
    repo.checkout(first);
    const summary = await openRepository(core, repo.dir);
    expect(summary.branch).toBeNull();
    expect(summary.head).toBe(first);
  });

  it('reports an invalid policy file as a warning naming the line', async () => {
    core = testCore();
    const repo = newRepo();
    repo.commit('feat: a', { '.release-desk.yml': 'versioning:\n  tagPrefix: [oops\n' });
    const summary = await openRepository(core, repo.dir);
    expect(summary.warnings.join(' ')).toMatch(/\.release-desk\.yml line \d+/);
  });

  it('the CLI gives the same specific errors', async () => {
    const dir = tempDir();
    const out = captureIo();
    const code = await runCli(['audit', 'list', '--repo', dir, '--data-dir', tempDir()], out.io);
    expect(code).toBe(1);
    expect(out.stderr()).toMatch(/not a git repository/);
  });
});
