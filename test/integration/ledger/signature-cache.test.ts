import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedSigners, ALLOWED_SIGNERS } from '../../../src-main/core/ledger/allowed-signers.js';
import { appendToLedger } from '../../../src-main/core/ledger/append.js';
import type { LedgerEvent } from '../../../src-main/core/ledger/event.js';
import { indexedEvents, refreshLedgerIndex } from '../../../src-main/core/ledger/ledger-index.js';
import { signatureVerdicts } from '../../../src-main/core/ledger/signature-cache.js';
import { testCore } from '../../support/core-fixture.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

function sshKey(dir: string, name: string): { key: string; line: string } {
  const key = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  const pub = readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { key, line: `${name}@example.com ${pub}\n` };
}

function tick(n: number): LedgerEvent {
  return {
    v: 1,
    at: new Date(Date.UTC(2026, 2, 3, 10, 0, n)).toISOString(),
    actor: 'Alice <alice@example.com>',
    action: 'checklist.ticked',
    subject: 'v1.0.0@staging#1',
    details: { item: `item ${n}` },
    local: null,
    imported: false,
  };
}

describe('the signature verdict cache', () => {
  let repo: TestRepo;
  let keys: string;
  let trace: string;
  let core: ReturnType<typeof testCore>;
  let alice: { key: string; line: string };
  let bob: { key: string; line: string };
  beforeEach(() => {
    repo = new TestRepo();
    keys = tempDir('release-desk-keys-');
    alice = sshKey(keys, 'alice');
    bob = sshKey(keys, 'bob');
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', alice.key);
    repo.commit('feat: first', { [ALLOWED_SIGNERS]: alice.line });
    core = testCore();
    // Every git process this one spawns, one line each: how often git verified is seen, not guessed.
    trace = path.join(keys, 'trace');
    process.env.GIT_TRACE = trace;
  });
  afterEach(async () => {
    delete process.env.GIT_TRACE;
    await core.dispose();
    repo.remove();
    rmSync(keys, { recursive: true, force: true });
  });

  const verifications = () =>
    existsSync(trace)
      ? readFileSync(trace, 'utf8')
          .split('\n')
          .filter((l) => l.includes('%G?')).length
      : 0;

  it('verifies a commit once per allowed-signers list, and again once the list at HEAD changes', async () => {
    const first = await appendToLedger(repo.dir, [{ event: tick(1), sign: true }]);
    const listed = await allowedSigners(repo.dir);
    const verdict = (await signatureVerdicts(repo.dir, [first], listed)).get(first);
    expect(verdict).toMatchObject({ status: 'G', signer: 'alice@example.com' });
    expect(verdict!.key).toMatch(/^SHA256:/);
    expect(verifications()).toBe(1);
    // Kept beside the list in the git directory, where every data directory of the clone finds it.
    const file = path.join(path.dirname(listed.file!), `signature-verdicts-${listed.hash}`);
    expect(readFileSync(file, 'utf8')).toContain(first);

    // The index reads it from the cache: no second verification, the same verdict.
    await refreshLedgerIndex(core.db, repo.dir);
    const row = () => indexedEvents(core.db, repo.dir, ['checklist.ticked'])[0]!.signature;
    expect(row()).toMatchObject({ status: 'G', signer: 'alice@example.com' });
    expect(verifications()).toBe(1);

    // A new list committed at HEAD (Alice's key replaced by Bob's): every verdict is asked again.
    repo.commit('chore: signers', { [ALLOWED_SIGNERS]: bob.line });
    await refreshLedgerIndex(core.db, repo.dir);
    expect(row().status).not.toBe('G');
    expect(row().signer).toBeNull();
    expect(verifications()).toBe(2);
    // An uncommitted edit of the working tree's copy is no new list: nothing is verified again.
    repo.write(ALLOWED_SIGNERS, alice.line);
    await refreshLedgerIndex(core.db, repo.dir);
    expect(row().status).not.toBe('G');
    expect(verifications()).toBe(2);
  });

  it("keeps only the current list's verdicts once its file is new: older lists' files go, a newer one stays", async () => {
    const first = await appendToLedger(repo.dir, [{ event: tick(4), sign: true }]);
    const old = await allowedSigners(repo.dir);
    await signatureVerdicts(repo.dir, [first], old);
    const dir = path.dirname(old.file!);
    const cacheFile = (hash: string) => path.join(dir, `signature-verdicts-${hash}`);
    expect(existsSync(cacheFile(old.hash))).toBe(true);
    // Another worktree at another HEAD wrote its list's verdicts after ours: not ours to remove.
    const newer = cacheFile('f'.repeat(40));
    writeFileSync(newer, '');
    const later = new Date(Date.now() + 60_000);
    utimesSync(newer, later, later);

    repo.commit('chore: signers', { [ALLOWED_SIGNERS]: alice.line + bob.line });
    const current = await allowedSigners(repo.dir);
    expect(current.hash).not.toBe(old.hash);
    expect((await signatureVerdicts(repo.dir, [first], current)).get(first)?.status).toBe('G');

    const caches = readdirSync(dir).filter((name) => name.startsWith('signature-verdicts-'));
    expect(caches.sort()).toEqual([`signature-verdicts-${current.hash}`, path.basename(newer)].sort());
    // The lists themselves are no cache of verdicts: left alone.
    expect(existsSync(old.file!)).toBe(true);
    // The old list's verdicts are asked of git again if HEAD goes back to it, and written anew.
    const before = verifications();
    await signatureVerdicts(repo.dir, [first], old);
    expect(verifications()).toBe(before + 1);
    expect(readFileSync(cacheFile(old.hash), 'utf8')).toContain(first);
  });

  it('verifies again what a torn line (a writer that died mid-write) says', async () => {
    const listed = await allowedSigners(repo.dir);
    const file = path.join(path.dirname(listed.file!), `signature-verdicts-${listed.hash}`);
    const sha = await appendToLedger(repo.dir, [{ event: tick(2), sign: true }]);
    appendFileSync(file, `{"c":"${sha}","s":"B","p":null`);
    expect((await signatureVerdicts(repo.dir, [sha], listed)).get(sha)?.status).toBe('G');
    expect(verifications()).toBe(1);
  });

  it('verifies nothing where the repository lists no signers: every event counts as unsigned', async () => {
    repo.git('rm', '-q', ALLOWED_SIGNERS);
    repo.commit('chore: no signers');
    const sha = await appendToLedger(repo.dir, [{ event: tick(3), sign: true }]);
    const none = await allowedSigners(repo.dir);
    expect(none.file).toBeNull();
    expect((await signatureVerdicts(repo.dir, [sha], none)).get(sha)).toEqual({
      status: 'N',
      signer: null,
      key: null,
    });
    expect(verifications()).toBe(0);
  });
});
