import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Core, CoreOptions } from '../../../src-main/core/context.js';
import { promotionDetail } from '../../../src-main/core/promotion/detail.js';
import { releaseSituation } from '../../../src-main/core/promotion/situation.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

export const TEAM_POLICY = `environments:
  - name: production
    gates:
      - approval: { required: 2, approvers: [alice@example.com, bob@example.com, carol@example.com], allowSelf: true }
`;

export interface Member {
  name: string;
  email: string;
  key: string;
  clone: TestRepo;
  core: ReturnType<typeof testCore>;
}

function sshKey(dir: string, name: string): string {
  const key = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return key;
}

function publicKey(key: string): string {
  return readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
}

/**
 * A team around a shared bare `origin`: a seeded repository (policy, allowed signers for Alice
 * and Bob, release v1.0.0 tagged by Ada) and one clone, data dir and SSH signing key per member.
 */
export function teamSetup(policy = TEAM_POLICY) {
  const root = tempDir('release-desk-team-');
  const keys = path.join(root, 'keys');
  mkdirSync(keys);
  const alice = sshKey(keys, 'alice');
  const bob = sshKey(keys, 'bob');
  const mallory = sshKey(keys, 'mallory');
  const origin = path.join(root, 'origin.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);

  mkdirSync(path.join(root, 'seed'));
  const seed = new TestRepo(path.join(root, 'seed'));
  seed.commit('feat: first feature', {
    '.release-desk.yml': policy,
    '.release-desk/allowed_signers': `alice@example.com ${publicKey(alice)}\nbob@example.com ${publicKey(bob)}\n`,
  });
  seed.tag('v1.0.0');
  seed.git('push', '-q', origin, 'main', '--tags');

  const clock = { now: new Date('2026-03-03T10:00:00Z') };
  const members: Member[] = [];
  const join = (name: string, key: string | null, options: CoreOptions = {}): Member => {
    const email = `${name.toLowerCase()}@example.com`;
    const dir = path.join(root, name.toLowerCase());
    execFileSync('git', ['clone', '-q', origin, dir]);
    const clone = new TestRepo(dir, false);
    clone.git('config', 'user.name', name);
    clone.git('config', 'user.email', email);
    clone.git('config', 'commit.gpgsign', 'false');
    if (key) {
      clone.git('config', 'gpg.format', 'ssh');
      clone.git('config', 'user.signingkey', key);
    }
    const core = testCore({
      now: () => clock.now,
      gitEnv: { GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email },
      ...options,
    });
    const member = { name, email, key: key ?? '', clone, core };
    members.push(member);
    return member;
  };

  return {
    origin,
    keys: { alice, bob, mallory },
    clock,
    alice: join('Alice', alice),
    bob: join('Bob', bob),
    join,
    /** Runs git in the bare origin. */
    originGit(...args: string[]): string {
      return execFileSync('git', args, { cwd: origin, encoding: 'utf8' }).trim();
    },
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    async dispose() {
      for (const member of members) await member.core.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The approval gate of v1.0.0's production promotion as `core` sees it in `dir`. */
export async function approvalGate(core: Core, dir: string) {
  const detail = promotionDetail(core, await releaseSituation(core, dir, '1.0.0'), 'production');
  return detail.gates.find((gate) => gate.kind === 'approval')!;
}
