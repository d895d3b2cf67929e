import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEST_IDENTITY = {
  GIT_AUTHOR_NAME: 'Ada Tester',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Tester',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

/** Makes a temp directory removed by the returned cleanup. */
export function tempDir(prefix = 'release-desk-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real git repository in a temp dir, driven by real git commands. Commit dates advance one
 * minute per commit so histories are deterministic and ordered.
 */
export class TestRepo {
  readonly dir: string;
  private clock = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
  private counter = 0;

  constructor(dir?: string, init = true) {
    this.dir = dir ?? tempDir('release-desk-repo-');
    if (init) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.name', TEST_IDENTITY.GIT_COMMITTER_NAME);
      this.git('config', 'user.email', TEST_IDENTITY.GIT_COMMITTER_EMAIL);
      this.git('config', 'commit.gpgsign', 'false');
      this.git('config', 'tag.gpgsign', 'false');
    }
  }

  /** Runs git in the repo and returns trimmed stdout. */
  git(...args: string[]): string {
    return this.gitWithEnv({}, ...args);
  }

  gitWithEnv(env: NodeJS.ProcessEnv, ...args: string[]): string {
    const date = `${this.clock} +0000`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, ...TEST_IDENTITY, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  write(file: string, content: string): void {
    const full = path.join(this.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  /**
   * Commits a change to a file (a fresh one by default) and returns the new SHA; `author`
   * (`Name <email>`) instead of the test identity.
   */
  commit(message: string, files: Record<string, string> = {}, author?: string): string {
    this.counter += 1;
    this.clock += 60;
    const changes = Object.keys(files).length ? files : { [`file-${this.counter}.txt`]: `${this.counter}\n` };
    for (const [file, content] of Object.entries(changes)) this.write(file, content);
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', ...(author ? [`--author=${author}`] : []), '-m', message);
    return this.head();
  }

  /** An annotated tag at HEAD (or `at`). */
  tag(name: string, at = 'HEAD'): void {
    this.clock += 1;
    this.git('tag', '-a', name, '-m', name, at);
  }

  lightweightTag(name: string, at = 'HEAD'): void {
    this.git('tag', name, at);
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  checkout(ref: string, create = false): void {
    this.git(...(create ? ['checkout', '-q', '-b', ref] : ['checkout', '-q', ref]));
  }

  /** A real merge commit (no fast-forward). */
  merge(branch: string, message = `Merge branch '${branch}'`): string {
    this.clock += 60;
    this.git('merge', '-q', '--no-ff', '-m', message, branch);
    return this.head();
  }

  cherryPick(sha: string): string {
    this.clock += 60;
    this.git('cherry-pick', '-x', sha);
    return this.head();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
