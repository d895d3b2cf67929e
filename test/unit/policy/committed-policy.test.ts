import { afterEach, describe, expect, it } from 'vitest';
import { loadRepositoryPolicy, UNCOMMITTED_POLICY } from '../../../src-main/core/policy/committed-policy.js';
import { defaultPolicy } from '../../../src-main/core/policy/load-policy.js';
import { TestRepo } from '../../support/git-fixture.js';

let repo: TestRepo;
afterEach(() => repo?.remove());

const STAGING = 'environments:\n  - name: staging\n    gates:\n      - checklist: Smoke tested\n';

describe('the policy Release Desk acts on', () => {
  it('takes promotion keys from HEAD and versioning keys from the working tree, saying they differ', async () => {
    repo = new TestRepo();
    repo.commit('chore: policy', { '.release-desk.yml': STAGING });
    expect(await loadRepositoryPolicy(repo.dir)).toMatchObject({
      note: null,
      policy: { environments: [{ name: 'staging' }] },
    });
    repo.write('.release-desk.yml', 'environments:\n  - name: staging\nversioning:\n  tagPrefix: rel-\n');
    const edited = await loadRepositoryPolicy(repo.dir);
    expect(edited.note).toBe(UNCOMMITTED_POLICY);
    expect(edited.policy.environments[0]?.gates.map((gate) => gate.kind)).toEqual(['checklist']);
    expect(edited.policy.versioning.tagPrefix).toBe('rel-');
  });

  it('uses the defaults for promotions while the file is not committed at all', async () => {
    repo = new TestRepo();
    repo.commit('feat: a');
    repo.write('.release-desk.yml', STAGING);
    const loaded = await loadRepositoryPolicy(repo.dir);
    expect(loaded.note).toBe(UNCOMMITTED_POLICY);
    expect(loaded.policy.environments).toEqual(defaultPolicy().environments);
  });

  it('treats a checkout with CRLF line endings as the committed file', async () => {
    repo = new TestRepo();
    repo.commit('chore: policy', { '.release-desk.yml': STAGING });
    repo.write('.release-desk.yml', STAGING.replace(/\n/g, '\r\n'));
    expect((await loadRepositoryPolicy(repo.dir)).note).toBeNull();
  });

  it("keeps the working copy's release sections when only its promotion keys are wrong, and says so", async () => {
    repo = new TestRepo();
    repo.commit('chore: policy', { '.release-desk.yml': STAGING });
    repo.write(
      '.release-desk.yml',
      `${STAGING}      - approval: { required: 0, approvers: [a@example.com] }\n`,
    );
    const loaded = await loadRepositoryPolicy(repo.dir);
    expect(loaded.note).toContain(UNCOMMITTED_POLICY);
    expect(loaded.note).toMatch(
      /\.release-desk\.yml line 5: environments\[0\]\.gates\[1\]\.approval\.required/,
    );
    expect(loaded.policy.environments[0]?.gates).toHaveLength(1);
  });
});
