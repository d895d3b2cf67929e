import { createHash } from 'node:crypto';
import type {
  CommandRun,
  CommandRunState,
  GateState,
  Promotion,
  PromotionState,
} from '../../../shared/domain/promotion.js';
import type { Db } from '../store/database.js';
import type { EnvironmentSnapshot } from './snapshot.js';

export interface PromotionRow {
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

export interface ApprovalRow {
  id: number;
  promotion_id: number;
  repo: string;
  environment: string;
  approver: string;
  actor: string;
  decision: 'approved' | 'rejected';
  sha: string;
  at: string;
  comment: string | null;
  audit_seq: number;
}

export interface TickRow {
  id: number;
  promotion_id: number;
  item: string;
  actor: string;
  note: string | null;
  at: string;
  audit_seq: number;
}

export interface RunRow {
  id: number;
  promotion_id: number;
  position: number | null;
  kind: 'check' | 'deploy';
  name: string;
  command: string;
  state: CommandRunState;
  exit_code: number | null;
  output: string;
  worktree: string | null;
  pid: number | null;
  owner_pid: number;
  started_at: string;
  finished_at: string | null;
}

export interface GateRow {
  promotion_id: number;
  position: number;
  kind: string;
  name: string;
  state: GateState;
  detail: string;
}

export const OPEN_STATES: PromotionState[] = ['pending', 'in-progress'];

export function publicId(row: Pick<PromotionRow, 'tag' | 'environment' | 'attempt'>): string {
  return `${row.tag}@${row.environment}#${row.attempt}`;
}

/** What every audit event about a promotion names: the promotion, the release and where it goes. */
export function promotionFacts(row: PromotionRow) {
  return { promotion: publicId(row), environment: row.environment, version: row.version, sha: row.sha };
}

/** Command output is pinned in the audit log by its hash; the text itself stays in its run row. */
export function outputSha256(output: string): string {
  return createHash('sha256').update(output).digest('hex');
}

export function snapshotOf(row: PromotionRow): EnvironmentSnapshot {
  return JSON.parse(row.policy_json) as EnvironmentSnapshot;
}

export function toPromotion(db: Db, row: PromotionRow, currentPolicyHash: string | null): Promotion {
  const replaced = row.replaces === null ? undefined : promotionById(db, row.replaces);
  return {
    id: publicId(row),
    version: row.version,
    tag: row.tag,
    sha: row.sha,
    environment: row.environment,
    attempt: row.attempt,
    state: row.state,
    requestedBy: row.requested_by,
    releaseCreator: row.release_creator,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rollback: row.is_rollback === 1,
    replaces: replaced ? publicId(replaced) : null,
    fastTrack: row.fast_track === 1,
    policyHash: row.policy_hash,
    policyChanged: currentPolicyHash !== row.policy_hash,
    failure: row.failure,
    windowOverride: row.window_override
      ? (JSON.parse(row.window_override) as Promotion['windowOverride'])
      : null,
  };
}

export function toCommandRun(row: RunRow): CommandRun {
  return {
    state: row.state,
    command: row.command,
    exitCode: row.exit_code,
    output: row.output,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function promotionById(db: Db, id: number): PromotionRow | undefined {
  return db.prepare('SELECT * FROM promotions WHERE id = ?').get(id) as PromotionRow | undefined;
}

/** The latest attempt of a release into an environment. */
export function latestPromotion(
  db: Db,
  repo: string,
  environment: string,
  version: string,
): PromotionRow | undefined {
  return db
    .prepare(
      'SELECT * FROM promotions WHERE repo = ? AND environment = ? AND version = ? ORDER BY attempt DESC LIMIT 1',
    )
    .get(repo, environment, version) as PromotionRow | undefined;
}

export function isOpen(row: PromotionRow | undefined): boolean {
  return row !== undefined && OPEN_STATES.includes(row.state);
}

/** Succeeded promotions of an environment, most recently finished first. */
export function succeededIn(db: Db, repo: string, environment: string): PromotionRow[] {
  return db
    .prepare(
      `SELECT * FROM promotions WHERE repo = ? AND environment = ? AND state = 'succeeded'
       ORDER BY finished_at DESC, id DESC`,
    )
    .all(repo, environment) as PromotionRow[];
}

/** The release live in an environment: its latest succeeded promotion. */
export function currentIn(db: Db, repo: string, environment: string): PromotionRow | undefined {
  return succeededIn(db, repo, environment)[0];
}

/** The open promotion heading into an environment, newest first. */
export function incomingTo(db: Db, repo: string, environment: string): PromotionRow | undefined {
  return db
    .prepare(
      `SELECT * FROM promotions WHERE repo = ? AND environment = ? AND state IN ('pending', 'in-progress')
       ORDER BY id DESC LIMIT 1`,
    )
    .get(repo, environment) as PromotionRow | undefined;
}

export function openPromotions(db: Db, repo: string): PromotionRow[] {
  return db
    .prepare(`SELECT * FROM promotions WHERE repo = ? AND state IN ('pending', 'in-progress') ORDER BY id`)
    .all(repo) as PromotionRow[];
}

export function promotionsOfRelease(db: Db, repo: string, version: string): PromotionRow[] {
  return db
    .prepare('SELECT * FROM promotions WHERE repo = ? AND version = ? ORDER BY id')
    .all(repo, version) as PromotionRow[];
}

export function nextAttempt(db: Db, repo: string, environment: string, version: string): number {
  const row = db
    .prepare('SELECT MAX(attempt) AS n FROM promotions WHERE repo = ? AND environment = ? AND version = ?')
    .get(repo, environment, version) as { n: number | null };
  return (row.n ?? 0) + 1;
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

export function ticksFor(db: Db, promotionId: number): TickRow[] {
  return db
    .prepare('SELECT * FROM checklist_ticks WHERE promotion_id = ? ORDER BY id')
    .all(promotionId) as TickRow[];
}

/** The latest run of each check gate (by position) and of the deploy. */
export function latestRuns(
  db: Db,
  promotionId: number,
): { checks: Map<number, RunRow>; deploy: RunRow | null } {
  const rows = db
    .prepare('SELECT * FROM command_runs WHERE promotion_id = ? ORDER BY id')
    .all(promotionId) as RunRow[];
  const checks = new Map<number, RunRow>();
  let deploy: RunRow | null = null;
  for (const row of rows) {
    if (row.kind === 'deploy') deploy = row;
    else if (row.position !== null) checks.set(row.position, row);
  }
  return { checks, deploy };
}

export function allRuns(db: Db, promotionId: number): RunRow[] {
  return db
    .prepare('SELECT * FROM command_runs WHERE promotion_id = ? ORDER BY id')
    .all(promotionId) as RunRow[];
}

export function gateRows(db: Db, promotionId: number): Map<number, GateRow> {
  const rows = db
    .prepare('SELECT * FROM promotion_gates WHERE promotion_id = ?')
    .all(promotionId) as GateRow[];
  return new Map(rows.map((row) => [row.position, row]));
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
