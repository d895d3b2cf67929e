import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import type { CreateReleaseRequest } from '../../../src-main/core/versioning/create-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TEST_IDENTITY, TestRepo, tempDir } from '../../support/git-fixture.js';

let core: ReturnType<typeof testCore>;
let repo: TestRepo;
const cleanup: string[] = [];
beforeEach(() => {
  core = testCore({ now: () => new Date('2026-02-03T10:00:00Z'), gitEnv: TEST_IDENTITY });
  repo = new TestRepo();
  repo.commit('feat: start', {
    'package.json': '{\n    "name": "app",\n    "version": "1.0.0",\n    "private": true\n}\n',
    'package-lock.json':
      JSON.stringify(
        {
          name: 'app',
          version: '1.0.0',
          lockfileVersion: 3,
          packages: { '': { name: 'app', version: '1.0.0' } },
        },
        null,
        2,
      ) + '\n',
    'src/version.ts': "export const VERSION = '1.0.0';\n",
    '.release-desk.yml':
      "versioning:\n  files:\n    - path: src/version.ts\n      pattern: \"VERSION = '([^']+)'\"\n",
    'CHANGELOG.md': '# Changelog\n\n## 1.0.0 (2026-01-01)\n\n* first\n',
  });
  repo.tag('v1.0.0');
});
afterEach(async () => {
  await core.dispose();
  repo.remove();
  for (const dir of cleanup.splice(0)) execFileSync('rm', ['-rf', dir]);
});

/** Everything a refused or failed release must leave as it was. */
function snapshot(r: TestRepo = repo) {
  const files = ['package.json', 'package-lock.json', 'src/version.ts', 'CHANGELOG.md'].map((f) =>
    existsSync(path.join(r.dir, f)) ? readFileSync(path.join(r.dir, f), 'utf8') : null,
  );
  return {
    head: r.git('rev-parse', 'HEAD'),
    tags: r.git('tag'),
    status: r.git('status', '--porcelain'),
    files,
  };
}

function release(request: CreateReleaseRequest = {}, internals = {}) {
  return createRelease(core, repo.dir, request, internals);
}

function actions() {
  return core.audit
    .list()
    .map((e) => e.action)
    .reverse();
}

describe('creating a release', () => {
  it('writes the version files and CHANGELOG.md, commits, tags (annotated) and audits', async () => {
    const fix = repo.commit('fix(api): null ids (#12)');
    const outcome = await release();
    expect(outcome).toMatchObject({
      version: '1.0.1',
      tag: 'v1.0.1',
      dryRun: false,
      pushed: false,
      files: ['package.json', 'package-lock.json', 'src/version.ts', 'CHANGELOG.md'],
      commitMessage: 'chore(release): v1.0.1',
    });
    expect(outcome.sha).toBe(repo.head());
    expect(repo.git('log', '-1', '--format=%s%n%P')).toBe(`chore(release): v1.0.1\n${fix}`);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('cat-file', '-t', 'v1.0.1')).toBe('tag');
    expect(repo.git('rev-parse', 'v1.0.1^{commit}')).toBe(outcome.sha);
    const tagMessage = repo.git('tag', '-l', '--format=%(contents)', 'v1.0.1');
    expect(tagMessage).toMatch(
      /^v1\.0\.1\n\n## 1\.0\.1 \(2026-02-03\)\n\n### Bug Fixes\n\n\* \*\*api:\*\* null ids/,
    );

    const read = (f: string) => readFileSync(path.join(repo.dir, f), 'utf8');
    expect(read('package.json')).toBe(
      '{\n    "name": "app",\n    "version": "1.0.1",\n    "private": true\n}\n',
    );
    expect(JSON.parse(read('package-lock.json'))).toMatchObject({
      version: '1.0.1',
      packages: { '': { version: '1.0.1' } },
    });
    expect(read('src/version.ts')).toBe("export const VERSION = '1.0.1';\n");
    expect(read('CHANGELOG.md')).toMatch(
      /^# Changelog\n\n## 1\.0\.1 \(2026-02-03\)\n\n### Bug Fixes\n\n.*null ids.*\n\n### Contributors\n\n\* Ada Tester\n\n## 1\.0\.0 \(2026-01-01\)\n\n\* first\n$/,
    );

    const [event] = core.audit.list();
    expect(event).toMatchObject({
      action: 'release.created',
      actor: 'Ada Tester <ada@example.com>',
      subject: 'v1.0.1',
      details: { version: '1.0.1', tag: 'v1.0.1', sha: outcome.sha, files: outcome.files, pushed: false },
    });
    expect(core.audit.verify()).toMatchObject({ ok: true });
  });

  it('an override with its reason, an edited changelog, and a prerelease channel', async () => {
    repo.commit('fix: small');
    const outcome = await release({
      releaseAs: '2.0.0',
      reason: 'new licence',
      prerelease: 'rc',
      changelog: '## 2.0.0-rc.1\n\nHand written.\n',
    });
    expect(outcome.version).toBe('2.0.0-rc.1');
    expect(readFileSync(path.join(repo.dir, 'CHANGELOG.md'), 'utf8')).toMatch(
      /^# Changelog\n\n## 2\.0\.0-rc\.1\n\nHand written\.\n\n## 1\.0\.0/,
    );
    expect(actions()).toEqual(['release.overridden', 'release.created']);
    expect(core.audit.list().at(-1)).toMatchObject({
      details: { version: '2.0.0-rc.1', reason: 'new licence', computedBump: 'patch' },
    });
  });

  it('a dry run reports exactly what would change and changes nothing', async () => {
    repo.commit('feat: big');
    const before = snapshot();
    const outcome = await release({ dryRun: true, push: false });
    expect(outcome).toMatchObject({ version: '1.1.0', tag: 'v1.1.0', sha: null, dryRun: true });
    expect(outcome.steps).toEqual([
      'Set the version in package.json to 1.1.0',
      'Set the version in package-lock.json to 1.1.0',
      'Set the version in src/version.ts to 1.1.0',
      'Add the 1.1.0 notes to CHANGELOG.md',
      'Commit "chore(release): v1.1.0" on main',
      'Create the annotated tag v1.1.0',
      'Nothing is pushed: the release stays local until you push it',
    ]);
    expect(snapshot()).toEqual(before);
    expect(actions()).toEqual([]);
  });

  /** A tag on a side branch, so it is not a previous release of main. */
  function tagElsewhere(name: string): void {
    repo.checkout('side', true);
    repo.commit('fix: elsewhere');
    repo.tag(name);
    repo.checkout('main');
  }

  const refusals: [string, () => void, CreateReleaseRequest, RegExp][] = [
    ['a dirty working tree', () => repo.write('package.json', '{}\n'), {}, /uncommitted changes/],
    ['an existing tag', () => tagElsewhere('v1.0.1'), {}, /tag v1\.0\.1 already exists/],
    [
      'an override that is not SemVer',
      () => undefined,
      { releaseAs: 'v2', reason: 'x' },
      /not a valid SemVer/,
    ],
    [
      'an override not above the current version',
      () => undefined,
      { releaseAs: '1.0.0', reason: 'x' },
      /not greater than the current version 1\.0\.0/,
    ],
    [
      'an override without a reason',
      () => undefined,
      { releaseAs: '2.0.0', reason: ' ' },
      /reason is required/,
    ],
    ['a detached HEAD', () => repo.git('checkout', '-q', '--detach'), {}, /HEAD is detached/],
    [
      'nothing to release',
      () => (repo.git('reset', '-q', '--hard', 'v1.0.0'), repo.commit('docs: only')),
      {},
      /Nothing to release/,
    ],
    [
      'a changelog that already has the version',
      () => repo.commit('docs: x', { 'CHANGELOG.md': '# C\n\n## 1.0.1\n' }),
      {},
      /already has a section for 1\.0\.1/,
    ],
    ['a push without a remote', () => undefined, { push: true }, /remote "origin" does not exist/],
    [
      'a version file outside the repository',
      () =>
        repo.commit('chore: x', {
          '.release-desk.yml': 'versioning:\n  files:\n    - { path: ../x.txt, pattern: "(.*)" }\n',
        }),
      {},
      /version file "\.\.\/x\.txt" is outside the repository/,
    ],
    [
      'a version pattern that matches nothing',
      () => repo.commit('chore: x', { 'src/version.ts': 'export const V = 1;\n' }),
      {},
      /pattern for src\/version\.ts matches nothing/,
    ],
  ];
  it.each(refusals)('refuses %s, changing nothing', async (_name, arrange, request, message) => {
    repo.commit('fix: something');
    arrange();
    const before = snapshot();
    await expect(release(request)).rejects.toThrow(message);
    expect(snapshot()).toEqual(before);
    expect(actions()).toEqual(['release.failed']);
  });

  it('a failure midway (the tag collides) leaves no half release', async () => {
    repo.commit('fix: something');
    const before = snapshot();
    let other = '';
    const failing = release(
      {},
      {
        beforeStep: (step: string) => {
          if (step !== 'tag') return;
          // Someone else tags the version between our commit and our tag.
          repo.git('tag', '-a', '-m', 'theirs', 'v1.0.1', 'HEAD~1');
          other = repo.git('rev-parse', 'v1.0.1');
        },
      },
    );
    await expect(failing).rejects.toThrow(/failed at the tag step and was undone/);
    const after = snapshot();
    expect({ ...after, tags: before.tags }).toEqual(before);
    expect(after.tags.split('\n')).toEqual(['v1.0.0', 'v1.0.1']);
    expect(repo.git('rev-parse', 'v1.0.1')).toBe(other);
    expect(core.audit.list()[0]).toMatchObject({
      action: 'release.failed',
      subject: '1.0.1',
      details: { step: 'tag' },
    });
  });

  it('a failing commit hook undoes the written files, including a new CHANGELOG.md', async () => {
    repo.git('rm', '-q', 'CHANGELOG.md');
    repo.commit('fix: something');
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "lint failed" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const before = snapshot();
    await expect(release()).rejects.toThrow(/failed at the commit step and was undone.*lint failed/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(path.join(repo.dir, 'CHANGELOG.md'))).toBe(false);
  });

  it('--push sends the branch and the tag to the remote', async () => {
    const remote = tempDir('release-desk-remote-');
    cleanup.push(remote);
    execFileSync('git', ['init', '-q', '--bare', remote]);
    repo.git('remote', 'add', 'origin', remote);
    repo.git('push', '-q', 'origin', 'main');
    repo.commit('feat: publish me');
    const outcome = await release({ push: true });
    expect(outcome.pushed).toBe(true);
    const refs = execFileSync('git', ['ls-remote', remote], { encoding: 'utf8' });
    expect(refs).toContain(`${outcome.sha}\trefs/heads/main`);
    expect(refs).toContain(`${outcome.sha}\trefs/tags/v1.1.0^{}`);
    expect(core.audit.list()[0]).toMatchObject({ action: 'release.created', details: { pushed: true } });
  });

  it('a rejected push undoes the local release too', async () => {
    const remote = tempDir('release-desk-remote-');
    cleanup.push(remote);
    execFileSync('git', ['init', '-q', '--bare', remote]);
    writeFileSync(
      path.join(remote, 'hooks', 'pre-receive'),
      '#!/bin/sh\necho "protected branch" >&2\nexit 1\n',
    );
    chmodSync(path.join(remote, 'hooks', 'pre-receive'), 0o755);
    repo.git('remote', 'add', 'origin', remote);
    repo.commit('feat: publish me');
    const before = snapshot();
    await expect(release({ push: true })).rejects.toThrow(/failed at the push step and was undone/);
    expect(snapshot()).toEqual(before);
    expect(execFileSync('git', ['ls-remote', remote], { encoding: 'utf8' })).toBe('');
  });

  const hasSshKeygen = (() => {
    try {
      execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
      return true;
    } catch (error) {
      return (error as { status?: number }).status !== undefined;
    }
  })();
  it.skipIf(!hasSshKeygen)('--sign signs the tag with the configured key', async () => {
    const keys = tempDir('release-desk-key-');
    cleanup.push(keys);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(keys, 'key')]);
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', path.join(keys, 'key'));
    repo.commit('fix: signed');
    await release({ sign: true });
    expect(repo.git('cat-file', '-p', 'v1.0.1')).toContain('-----BEGIN SSH SIGNATURE-----');
  });
});
