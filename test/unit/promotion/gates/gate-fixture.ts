import type { EnvironmentPolicy } from '../../../../shared/domain/policy.js';
import type { GateContext } from '../../../../src-main/core/promotion/gates/context.js';
import type { LedgerDecision } from '../../../../src-main/core/ledger/decisions.js';
import type { PromotionRecord } from '../../../../src-main/core/promotion/store.js';

export const SHA = 'a'.repeat(40);
export const NOW = new Date('2026-03-03T10:00:00Z');
export const HOUR = 3_600_000;

export function promotionRecord(over: Partial<PromotionRecord> = {}): PromotionRecord {
  const environment: EnvironmentPolicy = { name: 'production', gates: [], hotfixSkip: [], deploy: null };
  return {
    id: 1,
    repo: '/repo',
    environment: 'production',
    version: '1.2.0',
    tag: 'v1.2.0',
    sha: SHA,
    attempt: 1,
    state: 'pending',
    requestedBy: 'Ada <ada@example.com>',
    releaseCreator: 'dave@example.com',
    fastTrack: false,
    rollback: false,
    replaces: null,
    snapshot: { environment, previous: 'staging' },
    policyHash: 'hash',
    policyChangeSeen: null,
    windowOverride: null,
    failure: null,
    startedAt: NOW.toISOString(),
    finishedAt: null,
    ...over,
  };
}

/** A context as the gate context reader builds it: every gate reads only this. */
export function context(over: Partial<GateContext> = {}): GateContext {
  return {
    now: NOW,
    environment: 'production',
    release: { sha: SHA, createdBy: 'dave@example.com' },
    promotion: promotionRecord(),
    actorEmail: 'alice@example.com',
    checkRuns: new Map(),
    ticks: [],
    approvals: [],
    carriedApprovals: [],
    requireSigned: false,
    liveIn: {},
    ...over,
  };
}

export function decision(over: Partial<LedgerDecision> = {}): LedgerDecision {
  return {
    commit: 'c'.repeat(40),
    promotion: 'v1.2.0@production#1',
    environment: 'production',
    approver: 'bob@example.com',
    actor: 'Bob <bob@example.com>',
    decision: 'approved',
    sha: SHA,
    at: NOW.toISOString(),
    comment: null,
    imported: false,
    signature: { status: 'N', signer: null, key: null },
    ...over,
  };
}

export const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
