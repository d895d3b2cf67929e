import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { captureIo } from '../../support/cli-io.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

let repo: TestRepo;
let dataDir: string;
let feat: string;
beforeEach(() => {
  dataDir = tempDir('release-desk-data-');
  repo = new TestRepo();
  repo.commit('feat: start');
  repo.tag('v1.0.0');
  feat = repo.commit('feat(api)!: new endpoints\n\nBREAKING CHANGE: old ones are gone');
  repo.commit('fix: tidy (#4)');
});
afterEach(() => {
  repo.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const capture = captureIo();
  const code = await runCli([...args, '--repo', repo.dir, '--data-dir', dataDir], capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('release-desk next-version', () => {
  it('--json has exactly the contract keys', async () => {
    const { code, stdout } = await cli('next-version', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['current', 'next', 'bump', 'from', 'to', 'commits', 'reasons']);
    expect(json).toMatchObject({
      current: '1.0.0',
      next: '2.0.0',
      bump: 'major',
      from: 'v1.0.0',
      to: repo.head(),
      commits: 2,
    });
    expect(Object.keys(json.reasons[0])).toEqual(['sha', 'type', 'scope', 'subject', 'breaking', 'bump']);
    expect(json.reasons[0]).toEqual({
      sha: feat,
      type: 'feat',
      scope: 'api',
      subject: 'new endpoints',
      breaking: true,
      bump: 'major',
    });
  });

  it('prints a readable answer by default, and a prerelease on request', async () => {
    const { code, stdout } = await cli('next-version', '--prerelease', 'rc');
    expect(code).toBe(0);
    expect(stdout).toContain('Next     2.0.0-rc.1 (major)');
    expect(stdout).toContain(`major  ${feat.slice(0, 7)}  feat(api)!: new endpoints`);
  });

  it('exit 2 on usage errors, 1 with a one-line reason on failures', async () => {
    expect((await cli('next-version', '--prerelease', 'r c')).code).toBe(2);
    expect((await cli('next-version', '--bogus')).code).toBe(2);
    const missing = await cli('next-version', '--from', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('release-desk next-version: No commit "nope" in this repository.\n');
  });

  it('rejects hostile refs before any git process sees them', async () => {
    const log = path.join(dataDir, 'git-calls.log');
    const shim = tempDir('release-desk-shim-');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(shim, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(path.join(shim, 'git'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${shim}${path.delimiter}${savedPath}`;
    try {
      for (const args of [
        ['--from=--upload-pack=touch /tmp/pwned'],
        ['--to=--output=/tmp/x'],
        ['--from', 'a..b'],
      ]) {
        const result = await cli('next-version', ...args);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/Invalid revision name/);
      }
      const changelog = await cli('changelog', '--from=--upload-pack=x');
      expect(changelog.code).toBe(1);
    } finally {
      process.env.PATH = savedPath;
      rmSync(shim, { recursive: true, force: true });
    }
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('rev-parse');
    expect(calls).not.toMatch(/upload-pack|--output|a\.\.b/);
  });
});

describe('release-desk changelog', () => {
  it('--format json has exactly the contract keys, with full SHAs', async () => {
    const { code, stdout } = await cli('changelog', '--format', 'json', '--version', '2.0.0');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['version', 'date', 'sections', 'breaking']);
    expect(json.version).toBe('2.0.0');
    expect(json.date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(Object.keys(json.sections[0])).toEqual(['type', 'title', 'entries']);
    expect(Object.keys(json.sections[0].entries[0])).toEqual([
      'sha',
      'scope',
      'subject',
      'breaking',
      'references',
    ]);
    expect(json.sections[0].entries[0].sha).toBe(feat);
    expect(json.breaking).toEqual([{ sha: feat, scope: 'api', text: 'old ones are gone' }]);
  });

  it('markdown by default; --all gives one section per release; a bad --format is a usage error', async () => {
    const markdown = await cli('changelog');
    expect(markdown.stdout).toMatch(/^## Unreleased \(\d{4}-\d\d-\d\d\)\n/);
    const all = await cli('changelog', '--all', '--format', 'json');
    expect(JSON.parse(all.stdout).map((d: { version: string | null }) => d.version)).toEqual([null, '1.0.0']);
    expect((await cli('changelog', '--format', 'html')).code).toBe(2);
  });
});

describe('release-desk release', () => {
  it('--dry-run --json reports the outcome and changes nothing', async () => {
    const head = repo.head();
    const { code, stdout } = await cli('release', '--dry-run', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual([
      'version',
      'tag',
      'sha',
      'dryRun',
      'pushed',
      'files',
      'commitMessage',
      'steps',
    ]);
    expect(json).toMatchObject({
      version: '2.0.0',
      tag: 'v2.0.0',
      sha: null,
      dryRun: true,
      files: ['CHANGELOG.md'],
    });
    expect(repo.head()).toBe(head);
    expect(repo.git('tag')).toBe('v1.0.0');
  });

  it('releases, and refuses the same release again with exit 1', async () => {
    const done = await cli('release', '--as', '3.0.0', '--reason', 'marketing');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Released v3.0.0:');
    expect(repo.git('tag')).toBe('v1.0.0\nv3.0.0');
    const again = await cli('release');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^release-desk release: Nothing to release: .*\n$/);
    const audit = await cli('audit', 'list', '--json');
    expect(JSON.parse(audit.stdout).map((e: { action: string }) => e.action)).toEqual([
      'release.failed',
      'release.created',
      'release.overridden',
    ]);
  });

  it('--as needs --reason (usage error, exit 2)', async () => {
    const result = await cli('release', '--as', '3.0.0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as needs --reason');
  });
});
