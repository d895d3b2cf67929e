import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig, readConfigMatching } from '../../../src-main/core/git/config.js';
import { TestRepo } from '../../support/git-fixture.js';

describe('config', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
  });
  afterEach(() => repo.remove());

  it('reads a key, null when unset, a value with spaces as it is', async () => {
    repo.git('config', 'branch.main.remote', 'upstream');
    repo.git('config', 'releaseDesk.note', 'two  words');
    expect(await readConfig(repo.dir, 'branch.main.remote')).toBe('upstream');
    expect(await readConfig(repo.dir, 'releasedesk.note')).toBe('two  words');
    expect(await readConfig(repo.dir, 'branch.main.merge')).toBeNull();
  });

  it('never reads a key as an option', async () => {
    expect(await readConfig(repo.dir, '--list')).toBeNull();
  });

  it('reads every key matching a pattern, in the order git reports them', async () => {
    repo.git('remote', 'add', 'origin', 'git@github.com:acme/app.git');
    repo.git('config', 'releaseDesk.remoteKind', 'github');
    expect(await readConfigMatching(repo.dir, '^(remote\\.origin\\.url|releasedesk\\.remotekind)$')).toEqual([
      ['remote.origin.url', 'git@github.com:acme/app.git'],
      ['releasedesk.remotekind', 'github'],
    ]);
    expect(await readConfigMatching(repo.dir, '^nothing\\.here$')).toEqual([]);
  });
});
