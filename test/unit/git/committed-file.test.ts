import { afterEach, describe, expect, it } from 'vitest';
import { committedFile } from '../../../src-main/core/git/ledger-refs.js';
import { TestRepo } from '../../support/git-fixture.js';

let repo: TestRepo;
afterEach(() => repo?.remove());

describe('a file as committed at HEAD (git show HEAD:path)', () => {
  it("reads HEAD's copy, never the working tree's edit; null where HEAD has no such file or no commit", async () => {
    repo = new TestRepo();
    expect(await committedFile(repo.dir, '.release-desk.yml')).toBeNull();
    repo.commit('chore: policy', { '.release-desk.yml': 'approvals:\n  requireSigned: true\n' });
    repo.write('.release-desk.yml', 'approvals:\n  requireSigned: false\n');
    repo.write('untracked.txt', 'new\n');
    const found = await committedFile(repo.dir, '.release-desk.yml');
    expect(found).toEqual({
      blob: repo.git('rev-parse', 'HEAD:.release-desk.yml'),
      text: 'approvals:\n  requireSigned: true\n',
    });
    expect(await committedFile(repo.dir, 'untracked.txt')).toBeNull();
  });

  it('refuses a path git would read as something else', async () => {
    repo = new TestRepo();
    repo.commit('feat: a');
    for (const bad of ['', '/etc/passwd', 'a\nb']) {
      await expect(committedFile(repo.dir, bad)).rejects.toMatchObject({ code: 'invalid-input' });
    }
  });
});
