import { createHash } from 'node:crypto';
import type { Promotion, PromotionState } from '../../../shared/domain/promotion.js';
import type { Db } from '../store/database.js';
import type { EnvironmentSnapshot } from './snapshot.js';

/** The `promotions` table as SQLite returns it; it never leaves this file. */
interface PromotionRow {
  id: number;
  repo: string;
  environment: string;
  version: string;
  tag: string;
  sha: string;
  attempt: number;
  state: PromotionState;
  requested_by: string;
  release_creator: string | null;
  fast_track: number;
  is_rollback: number;
  replaces: number | null;
  policy_json: string;
  policy_hash: string;
  policy_change_seen: string | null;
  window_override: string | null;
  failure: string | null;
  started_at: string;
  finished_at: string | null;
}

export type WindowOverride = NonNullable<Promotion['windowOverride']>;

/** One release moving into one environment, as the core works with it. */
export interface PromotionRecord {
  /** The row id; `publicId` is what people see. */
  id: number;
  repo: string;
  environment: string;
  version: string;
  tag: string;
  sha: string;
  attempt: number;
  state: PromotionState;
  requestedBy: string;
  releaseCreator: string | null;
  fastTrack: boolean;
  rollback: boolean;
  /** The row id of the promotion a rollback replaces. */
  replaces: number | null;
  /** The environment's policy as it was when the promotion started: it keeps it. */
  snapshot: EnvironmentSnapshot;
  policyHash: string;
  policyChangeSeen: string | null;
  windowOverride: WindowOverride | null;
  failure: string | null;
  startedAt: string;
  finishedAt: string | null;
}

function toRecord(row: PromotionRow): PromotionRecord {
  return {
    id: row.id,
    repo: row.repo,
    environment: row.environment,
    version: row.version,
    tag: row.tag,
    sha: row.sha,
    attempt: row.attempt,
    state: row.state,
    requestedBy: row.requested_by,
    releaseCreator: row.release_creator,
    fastTrack: row.fast_track === 1,
    rollback: row.is_rollback === 1,
    replaces: row.replaces,
    snapshot: JSON.parse(row.policy_json) as EnvironmentSnapshot,
    policyHash: row.policy_hash,
    policyChangeSeen: row.policy_change_seen,
    windowOverride: row.window_override ? (JSON.parse(row.window_override) as WindowOverride) : null,
    failure: row.failure,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

const one = (row: unknown): PromotionRecord | undefined =>
  row === undefined ? undefined : toRecord(row as PromotionRow);
const all = (rows: unknown[]): PromotionRecord[] => (rows as PromotionRow[]).map(toRecord);

export const OPEN_STATES: PromotionState[] = ['pending', 'in-progress'];

export function publicId(row: Pick<PromotionRecord, 'tag' | 'environment' | 'attempt'>): string {
  return `${row.tag}@${row.environment}#${row.attempt}`;
}

/** What every audit event about a promotion names: the promotion, the release and where it goes. */
export function promotionFacts(row: PromotionRecord) {
  return { promotion: publicId(row), environment: row.environment, version: row.version, sha: row.sha };
}

/** Command output is pinned in the audit log by its hash; the text itself stays in its run row. */
export function outputSha256(output: string): string {
  return createHash('sha256').update(output).digest('hex');
}

export function toPromotion(db: Db, row: PromotionRecord, currentPolicyHash: string | null): Promotion {
  const replaced = row.replaces === null ? undefined : promotionById(db, row.replaces);
  return {
    id: publicId(row),
    version: row.version,
    tag: row.tag,
    sha: row.sha,
    environment: row.environment,
    attempt: row.attempt,
    state: row.state,
    requestedBy: row.requestedBy,
    releaseCreator: row.releaseCreator,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    rollback: row.rollback,
    replaces: replaced ? publicId(replaced) : null,
    replacesVersion: replaced ? replaced.tag : null,
    fastTrack: row.fastTrack,
    policyHash: row.policyHash,
    policyChanged: currentPolicyHash !== row.policyHash,
    failure: row.failure,
    windowOverride: row.windowOverride,
  };
}

export function promotionById(db: Db, id: number): PromotionRecord | undefined {
  return one(db.prepare('SELECT * FROM promotions WHERE id = ?').get(id));
}

/** The latest attempt of a release into an environment. */
export function latestPromotion(
  db: Db,
  repo: string,
  environment: string,
  version: string,
): PromotionRecord | undefined {
  return one(
    db
      .prepare(
        'SELECT * FROM promotions WHERE repo = ? AND environment = ? AND version = ? ORDER BY attempt DESC LIMIT 1',
      )
      .get(repo, environment, version),
  );
}

export function isOpen(row: PromotionRecord | undefined | null): boolean {
  return row !== undefined && row !== null && OPEN_STATES.includes(row.state);
}

/** Succeeded promotions of an environment, most recently finished first. */
export function succeededIn(db: Db, repo: string, environment: string): PromotionRecord[] {
  return all(
    db
      .prepare(
        `SELECT * FROM promotions WHERE repo = ? AND environment = ? AND state = 'succeeded'
         ORDER BY finished_at DESC, id DESC`,
      )
      .all(repo, environment),
  );
}

/**
 * Every deploy (or sign-off) that made a release live in an environment, oldest first: the
 * succeeded promotions and the ones a rollback replaced later. Each was live from its
 * `finishedAt` until the next one's.
 */
export function deploymentsIn(db: Db, repo: string, environment: string): PromotionRecord[] {
  return all(
    db
      .prepare(
        `SELECT * FROM promotions WHERE repo = ? AND environment = ? AND state IN ('succeeded', 'rolled-back')
           AND finished_at IS NOT NULL
         ORDER BY finished_at, id`,
      )
      .all(repo, environment),
  );
}

/** The release live in an environment now: its last deploy or rollback, not its last promotion. */
export function currentIn(db: Db, repo: string, environment: string): PromotionRecord | undefined {
  return deploymentsIn(db, repo, environment).at(-1);
}

/** The open promotions heading into an environment, newest first. */
export function incomingTo(db: Db, repo: string, environment: string): PromotionRecord[] {
  return all(
    db
      .prepare(
        `SELECT * FROM promotions WHERE repo = ? AND environment = ? AND state IN ('pending', 'in-progress')
         ORDER BY id DESC`,
      )
      .all(repo, environment),
  );
}

export function openPromotions(db: Db, repo: string): PromotionRecord[] {
  return all(
    db
      .prepare(`SELECT * FROM promotions WHERE repo = ? AND state IN ('pending', 'in-progress') ORDER BY id`)
      .all(repo),
  );
}

/** Every repository with a promotion still waiting: what the app's clock looks after. */
export function reposWithOpenPromotions(db: Db): string[] {
  const rows = db
    .prepare(`SELECT DISTINCT repo FROM promotions WHERE state IN ('pending', 'in-progress') ORDER BY repo`)
    .all() as { repo: string }[];
  return rows.map((row) => row.repo);
}

export function promotionsOfRelease(db: Db, repo: string, version: string): PromotionRecord[] {
  return all(
    db.prepare('SELECT * FROM promotions WHERE repo = ? AND version = ? ORDER BY id').all(repo, version),
  );
}

export function hasSucceeded(db: Db, repo: string, environment: string, sha: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM promotions WHERE repo = ? AND environment = ? AND sha = ? AND state = 'succeeded' LIMIT 1`,
      )
      .get(repo, environment, sha) !== undefined
  );
}

export interface NewPromotion {
  repo: string;
  environment: string;
  version: string;
  tag: string;
  sha: string;
  requestedBy: string;
  releaseCreator: string | null;
  fastTrack: boolean;
  replaces: PromotionRecord | null;
  snapshot: EnvironmentSnapshot;
  policyHash: string;
  startedAt: string;
}

/** Inserts the next attempt of a release into an environment (call inside a write transaction). */
export function insertPromotion(db: Db, promotion: NewPromotion): PromotionRecord {
  const { n } = db
    .prepare('SELECT MAX(attempt) AS n FROM promotions WHERE repo = ? AND environment = ? AND version = ?')
    .get(promotion.repo, promotion.environment, promotion.version) as { n: number | null };
  const id = db
    .prepare(
      `INSERT INTO promotions (repo, environment, version, tag, sha, attempt, state, requested_by, release_creator,
         fast_track, is_rollback, replaces, policy_json, policy_hash, started_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      promotion.repo,
      promotion.environment,
      promotion.version,
      promotion.tag,
      promotion.sha,
      (n ?? 0) + 1,
      promotion.requestedBy,
      promotion.releaseCreator,
      promotion.fastTrack ? 1 : 0,
      promotion.replaces ? 1 : 0,
      promotion.replaces?.id ?? null,
      JSON.stringify(promotion.snapshot),
      promotion.policyHash,
      promotion.startedAt,
    ).lastInsertRowid;
  return promotionById(db, Number(id))!;
}

/** Remembers the policy hash whose change was already recorded, so it is recorded once. */
export function markPolicyChangeSeen(db: Db, id: number, hash: string): void {
  db.prepare('UPDATE promotions SET policy_change_seen = ? WHERE id = ?').run(hash, id);
}

export function setWindowOverride(db: Db, id: number, override: WindowOverride): void {
  db.prepare('UPDATE promotions SET window_override = ? WHERE id = ?').run(JSON.stringify(override), id);
}

/**
 * Moves a promotion to `state`, but only from where that move is allowed: out of an open state,
 * or from succeeded to rolled-back. Another process may have ended the promotion meanwhile (a
 * rejection while a check ran); then nothing changes and this returns false.
 */
export function setState(
  db: Db,
  id: number,
  state: PromotionState,
  fields: { failure?: string | null; finishedAt?: string | null } = {},
): boolean {
  const from = state === 'rolled-back' ? ['succeeded'] : OPEN_STATES;
  const result = db
    .prepare(
      `UPDATE promotions SET state = @state,
         failure = CASE WHEN @setFailure THEN @failure ELSE failure END,
         finished_at = CASE WHEN @setFinished THEN @finishedAt ELSE finished_at END
       WHERE id = @id AND state IN (${from.map((s) => `'${s}'`).join(', ')})`,
    )
    .run({
      id,
      state,
      setFailure: fields.failure === undefined ? 0 : 1,
      failure: fields.failure ?? null,
      setFinished: fields.finishedAt === undefined ? 0 : 1,
      finishedAt: fields.finishedAt ?? null,
    });
  return result.changes > 0;
}

/** A promotion whose process died mid-command can be resumed: back to `pending`. */
export function reopenInterrupted(db: Db, id: number): void {
  db.prepare(`UPDATE promotions SET state = 'pending' WHERE id = ? AND state = 'in-progress'`).run(id);
}
