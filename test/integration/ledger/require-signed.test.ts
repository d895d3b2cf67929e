import { afterEach, describe, expect, it } from 'vitest';
import { requireSigned } from '../../../src-main/core/ledger/allowed-signers.js';
import { parsePolicy } from '../../../src-main/core/policy/load-policy.js';
import { TestRepo } from '../../support/git-fixture.js';

let repo: TestRepo;
afterEach(() => repo?.remove());

describe('approvals.requireSigned', () => {
  it('defaults to true exactly when the repository lists allowed signers; the policy may say otherwise', () => {
    repo = new TestRepo();
    const unset = parsePolicy('');
    expect(unset.approvals).toEqual({ requireSigned: null });
    expect(requireSigned(unset, repo.dir)).toBe(false);
    expect(requireSigned(parsePolicy('approvals:\n  requireSigned: true\n'), repo.dir)).toBe(true);
    repo.write('.release-desk/allowed_signers', 'alice@example.com ssh-ed25519 AAAA\n');
    expect(requireSigned(unset, repo.dir)).toBe(true);
    expect(requireSigned(null, repo.dir)).toBe(true);
    expect(requireSigned(parsePolicy('approvals: { requireSigned: false }'), repo.dir)).toBe(false);
  });

  it('rejects a mistyped key or value, saying what is allowed', () => {
    expect(() => parsePolicy('approvals: { requireSigned: "yes" }')).toThrow(
      /approvals\.requireSigned must be true or false/,
    );
    expect(() => parsePolicy('approvals: { requiredSigned: true }')).toThrow(
      /is not a known key \(known: requireSigned\)/,
    );
  });
});
