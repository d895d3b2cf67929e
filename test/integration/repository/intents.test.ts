import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { withBranchCheckedOut } from '../../../src-main/core/git/worktrees.js';
import { beginIntent, interruptedIntents } from '../../../src-main/core/intent/intent-store.js';
import { openDatabase } from '../../../src-main/core/store/database.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import { createRelease } from '../../../src-main/core/versioning/create-release.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A live process other than this one, with its start time as /proc has it. */
function otherProcess(): { child: ChildProcess; pid: number; start: string } {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  cleanup.push(() => void child.kill('SIGKILL'));
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  return { child, pid: child.pid!, start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]! };
}

function arrange() {
  const core = testCore();
  const repo = new TestRepo();
  cleanup.push(
    () => repo.remove(),
    () => core.dispose(),
  );
  repo.commit('feat: first');
  repo.tag('v1.0.0');
  repo.commit('fix: a bug');
  return { core, repo };
}

describe.skipIf(process.platform !== 'linux')('intents', () => {
  it('refuse a second git action while a live process holds the repository, naming it', async () => {
    const { core, repo } = arrange();
    const other = otherProcess();
    const intent = beginIntent(core, {
      repo: repo.dir,
      action: 'train.ship',
      subject: 'train-1.1.0',
      plan: {},
    });
    core.db
      .prepare('UPDATE intents SET owner_pid = ?, owner_start = ? WHERE id = ?')
      .run(other.pid, other.start, intent.id);
    await expect(createRelease(core, repo.dir, {})).rejects.toThrow(
      `Another Release Desk process (${other.pid}) is shipping train-1.1.0 in this repository: wait for it to finish.`,
    );
    expect(repo.git('tag', '--list')).toBe('v1.0.0');
    expect(interruptedIntents(core.db)).toEqual([]);
  });

  it('take a pid reused by another process for a dead owner', () => {
    const { core, repo } = arrange();
    const other = otherProcess();
    const intent = beginIntent(core, { repo: repo.dir, action: 'release', subject: 'v1.0.1', plan: {} });
    core.db
      .prepare('UPDATE intents SET owner_pid = ?, owner_start = ? WHERE id = ?')
      .run(other.pid, '1', intent.id);
    expect(interruptedIntents(core.db).map((row) => row.id)).toEqual([intent.id]);
  });

  it('refuse a branch that a live Release Desk worktree has checked out', async () => {
    const { repo } = arrange();
    repo.git('branch', 'release/1.0');
    await withBranchCheckedOut(repo.dir, 'release/1.0', async () => {
      await expect(withBranchCheckedOut(repo.dir, 'release/1.0', async () => 'twice')).rejects.toThrow(
        `Another Release Desk process (${process.pid}) has release/1.0 checked out right now: wait for it to finish.`,
      );
    });
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  });
});

describe('migration 006', () => {
  it('keeps the newest of duplicate open promotions open and allows one open promotion per release and environment', () => {
    const dir = tempDir('release-desk-data-');
    const db = openDatabase(dir, migrations.slice(0, 5));
    const insert = db.prepare(
      `INSERT INTO promotions (repo, environment, version, tag, sha, attempt, state, requested_by, fast_track, policy_json, policy_hash, started_at)
       VALUES ('/r', 'staging', '1.0.0', 'v1.0.0', 'abc', ?, 'pending', 'ada', 0, '{}', 'h', 't')`,
    );
    insert.run(1);
    insert.run(2);
    db.close();
    const migrated = openDatabase(dir);
    cleanup.push(() => {
      migrated.close();
      rmSync(dir, { recursive: true, force: true });
    });
    expect(migrated.prepare('SELECT attempt, state FROM promotions ORDER BY attempt').all()).toEqual([
      { attempt: 1, state: 'failed' },
      { attempt: 2, state: 'pending' },
    ]);
    expect(() => migrated.prepare(insert.source).run(3)).toThrow(/UNIQUE constraint failed/);
  });
});
