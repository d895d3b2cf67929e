import { afterEach, describe, expect, it } from 'vitest';
import { releaseSituation } from '../../../src-main/core/promotion/situation.js';
import { approve } from '../../../src-main/core/promotion/approvals.js';
import { promote } from '../../../src-main/core/promotion/promote.js';
import { teamSetup } from './team-fixture.js';

const NO_SELF_POLICY = `environments:
  - name: production
    gates:
      - approval: { required: 1, approvers: [alice@example.com, bob@example.com] }
`;

let team: ReturnType<typeof teamSetup>;
afterEach(() => team?.dispose());

describe("a release's creator", () => {
  it("is a signed tag's signer, whoever the tagger field names: Bob cannot approve the release he signed as Ada", async () => {
    team = teamSetup(NO_SELF_POLICY);
    const { bob } = team;
    bob.clone.commit('feat: second feature');
    // Tagged by "Ada" (the tagger field is anyone's to type), signed with Bob's key.
    bob.clone.gitWithEnv(
      { GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' },
      'tag',
      '-s',
      'v1.1.0',
      '-m',
      'v1.1.0',
    );
    const situation = await releaseSituation(bob.core, bob.clone.dir, '1.1.0');
    expect(situation.release.createdBy).toBe('bob@example.com');
    await promote(bob.core, bob.clone.dir, '1.1.0', 'production');
    const refused = await approve(bob.core, bob.clone.dir, '1.1.0', 'production').catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/own release|created/i);
  });

  it("is the tagger of an unsigned annotated tag, and a lightweight tag's committer", async () => {
    team = teamSetup(NO_SELF_POLICY);
    const { alice } = team;
    alice.clone.commit('feat: second feature');
    alice.clone.gitWithEnv(
      { GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' },
      'tag',
      '-a',
      'v1.1.0',
      '-m',
      'v1.1.0',
    );
    expect((await releaseSituation(alice.core, alice.clone.dir, '1.1.0')).release.createdBy).toBe(
      'ada@example.com',
    );
    alice.clone.commit('feat: third feature');
    alice.clone.lightweightTag('v1.2.0');
    const committer = alice.clone.git('log', '-1', '--format=%cE', 'v1.2.0').toLowerCase();
    expect((await releaseSituation(alice.core, alice.clone.dir, '1.2.0')).release.createdBy).toBe(committer);
  });
});
