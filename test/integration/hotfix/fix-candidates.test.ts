import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hotfixCandidates, pickIntoHotfix } from '../../../src-main/core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../../src-main/core/hotfix/start-hotfix.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('hotfix fix candidates', () => {
  let repo: TestRepo;
  let core: ReturnType<typeof testCore>;
  beforeEach(() => {
    repo = new TestRepo();
    core = testCore();
  });
  afterEach(async () => {
    await core.dispose();
    repo.remove();
  });

  it('lists fixes first, each change once (its -x cherry-picks folded into it), and picks in topological order', async () => {
    repo.commit('feat: first feature', { 'app.txt': 'v1\n' });
    repo.tag('v1.0.0');
    const parser = repo.commit('fix: parser crash', { 'parser.txt': 'safe\n' });
    const feature = repo.commit('feat: search box', { 'search.txt': 'on\n' });
    const followUp = repo.commit('fix: parser crash, the follow-up', { 'parser.txt': 'safe and sound\n' });
    repo.commit('docs: readme', { 'README.md': 'hello\n' });
    repo.checkout('v1.0.0');
    repo.checkout('release/1.0', true);
    repo.git('cherry-pick', '-x', parser);
    const copy = repo.head();
    repo.checkout('main');

    await startHotfix(core, repo.dir, 'v1.0.0');
    const candidates = await hotfixCandidates(core, repo.dir, {});
    expect(candidates.map((c) => [c.subject, c.copies])).toEqual([
      ['parser crash, the follow-up', []],
      ['parser crash', [copy]],
      ['readme', []],
      ['search box', []],
    ]);
    expect(candidates.map((c) => c.sha)).not.toContain(copy);
    expect(candidates.find((c) => c.sha === feature)?.type).toBe('feat');

    // Chosen child first: applied parent first, so the follow-up applies on top of the first fix.
    const outcome = await pickIntoHotfix(core, repo.dir, [followUp, parser]);
    expect(outcome.conflict).toBeNull();
    expect(outcome.picked.map((p) => p.from)).toEqual([parser, followUp]);
    expect(repo.git('show', 'HEAD:parser.txt')).toBe('safe and sound');
  });
});
