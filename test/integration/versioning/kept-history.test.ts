import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadHistory } from '../../../src-main/core/commits/commit-cache.js';
import { listShas } from '../../../src-main/core/git/log.js';
import { testCore } from '../../support/core-fixture.js';
import { tempDir, TestRepo } from '../../support/git-fixture.js';
import { gitCommands } from '../../support/git-trace.js';

let core: ReturnType<typeof testCore>;
const repos: TestRepo[] = [];
beforeEach(() => {
  core = testCore();
});
afterEach(async () => {
  await core.dispose();
  for (const repo of repos.splice(0)) repo.remove();
});

function newRepo(dir?: string): TestRepo {
  const repo = new TestRepo(dir);
  repos.push(repo);
  return repo;
}

/** `count` commits on `branch` (from `parent`), committed at `start` + i seconds, by fast-import. */
function importCommits(
  repo: TestRepo,
  branch: string,
  count: number,
  start: number,
  parent?: string,
): string {
  const blocks: string[] = [];
  for (let i = 0; i < count; i++) {
    const message = `feat: ${branch} change ${i}\n`;
    const from = i === 0 && parent ? `from ${parent}\n` : '';
    blocks.push(
      `commit refs/heads/${branch}\ncommitter A <a@example.com> ${start + i} +0000\ndata ${message.length}\n${message}${from}`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: blocks.join('\n') });
  return repo.git('rev-parse', branch);
}

/** The whole history of `tip` as loadHistory gives it, and the git processes it started. */
async function readTraced(repo: TestRepo, tip: string): Promise<{ shas: string[]; commands: string[] }> {
  let shas: string[] = [];
  const commands = await gitCommands(async () => {
    shas = (await loadHistory(core, repo.dir, { from: null, to: tip })).commits.map((c) => c.sha);
  });
  await core.commitCache.flush();
  return { shas, commands };
}

/** A walk of the history: `log` or `rev-list`, unless only of named commits or of a few. */
const walks = (commands: string[]): string[] =>
  commands.filter(
    (c) => /^(log|rev-list) /.test(c) && !c.includes('--no-walk') && !c.includes('--max-count'),
  );

describe('whole histories kept per tip', () => {
  it('reads a history again without walking it, and prepends a chain of new commits, always in git’s order', async () => {
    const repo = newRepo();
    const base = importCommits(repo, 'main', 80, 1_700_000_000);
    // A side line committed later than main's newest commits, merged: git's order interleaves by date.
    const side = importCommits(repo, 'side', 30, 1_700_000_040, repo.git('rev-parse', 'main~60'));
    repo.checkout('main');
    const merged = repo.merge('side');
    expect(side).not.toBe(base);

    const first = await readTraced(repo, merged);
    expect(first.shas).toEqual(await listShas(repo.dir, { from: null, to: merged }));
    expect(walks(first.commands).length).toBeGreaterThan(0);

    const again = await readTraced(repo, merged);
    expect(again.shas).toEqual(first.shas);
    expect(walks(again.commands)).toEqual([]);

    // New commits on top, one parent each: the kept history below them is reused.
    repo.commit('fix: one');
    const top = repo.commit('fix: two');
    const grown = await readTraced(repo, top);
    expect(grown.shas).toEqual(await listShas(repo.dir, { from: null, to: top }));
    expect(walks(grown.commands)).toEqual([]);

    // A merge on top is walked: its other parent's commits may come anywhere in git's order.
    const late = importCommits(repo, 'late', 3, 1_600_000_000, repo.git('rev-parse', 'main~70'));
    repo.checkout('main');
    const mergedLate = repo.merge('late');
    const walked = await readTraced(repo, mergedLate);
    expect(walked.shas).toEqual(await listShas(repo.dir, { from: null, to: mergedLate }));
    expect(walked.shas).toContain(late);
    expect(walks(walked.commands).length).toBeGreaterThan(0);
  });

  it('keeps no history of a shallow clone, whose histories grow when it is deepened', async () => {
    const origin = newRepo();
    importCommits(origin, 'main', 100, 1_700_000_000);
    origin.checkout('main');
    const clone = newRepo(tempDir('release-desk-shallow-'));
    clone.git('fetch', '-q', '--depth=70', `file://${origin.dir}`, 'main');
    const tip = clone.git('rev-parse', 'FETCH_HEAD');
    expect((await readTraced(clone, tip)).shas).toHaveLength(70);
    expect(core.commitCache.db.prepare('SELECT count(*) FROM histories').pluck().get()).toBe(0);
    clone.git('fetch', '-q', '--unshallow', `file://${origin.dir}`, 'main');
    const deepened = await readTraced(clone, tip);
    expect(deepened.shas).toHaveLength(100);
    expect(core.commitCache.db.prepare('SELECT count(*) FROM histories').pluck().get()).toBe(1);
  });
});
