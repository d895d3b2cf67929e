import type { Core } from '../../../src-main/core/context.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo } from '../../support/git-fixture.js';

export const POLICY = `environments:
  - name: staging
    gates:
      - check: { name: Unit tests, run: "echo unit tests ran at $RELEASE_DESK_VERSION && test -f feature.txt", timeout: 1m }
      - checklist: Database migration reviewed
  - name: production
    gates:
      - approval: { required: 2, approvers: [alice@example.com, bob@example.com, carol@example.com], allowSelf: false, expires: 72h }
      - soak: { in: staging, for: 24h }
      - window: { deny: ["Fri 16:00-Mon 08:00"], timezone: Europe/Berlin }
    hotfix:
      skip: [soak]
`;

export const HOUR = 3_600_000;

/** A repository with a policy and release v1.0.0 (tagged by Ada), a core on a real database, and a settable clock. */
export function promotionSetup(policy = POLICY) {
  // Tuesday 2026-03-03 10:00 UTC: outside the weekend freeze.
  const clock = { now: new Date('2026-03-03T10:00:00Z') };
  const core = testCore({ now: () => clock.now });
  const repo = new TestRepo();
  repo.commit('feat: first feature', { '.release-desk.yml': policy, 'feature.txt': 'on\n' });
  repo.tag('v1.0.0');
  return {
    core,
    repo,
    clock,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    /** The same core acting as someone else: git's committer identity decides who acts. */
    as(email: string): Core {
      const name = email.split('@')[0]!;
      return { ...core, gitEnv: { GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email } };
    },
    async dispose() {
      await core.dispose();
      repo.remove();
    },
  };
}
