import type { CommandRun, CommandRunState } from '../../../shared/domain/promotion.js';
import type { Db } from '../store/database.js';

/** The `command_runs` table as SQLite returns it; it never leaves this file. */
interface RunRow {
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

/** One run of a check gate's command or of the deploy, with who watches it. */
export interface RunRecord {
  id: number;
  promotionId: number;
  /** Gate position for checks; null for the deploy. */
  position: number | null;
  kind: 'check' | 'deploy';
  name: string;
  command: string;
  state: CommandRunState;
  exitCode: number | null;
  output: string;
  worktree: string | null;
  /** The command's own process. */
  pid: number | null;
  /** The Release Desk process watching it. */
  ownerPid: number;
  startedAt: string;
  finishedAt: string | null;
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    promotionId: row.promotion_id,
    position: row.position,
    kind: row.kind,
    name: row.name,
    command: row.command,
    state: row.state,
    exitCode: row.exit_code,
    output: row.output,
    worktree: row.worktree,
    pid: row.pid,
    ownerPid: row.owner_pid,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function toCommandRun(row: RunRecord): CommandRun {
  return {
    state: row.state,
    command: row.command,
    exitCode: row.exitCode,
    output: row.output,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function allRuns(db: Db, promotionId: number): RunRecord[] {
  return (
    db.prepare('SELECT * FROM command_runs WHERE promotion_id = ? ORDER BY id').all(promotionId) as RunRow[]
  ).map(toRecord);
}

/** The latest run of each check gate (by position) and of the deploy. */
export function latestRuns(
  db: Db,
  promotionId: number,
): { checks: Map<number, RunRecord>; deploy: RunRecord | null } {
  const checks = new Map<number, RunRecord>();
  let deploy: RunRecord | null = null;
  for (const run of allRuns(db, promotionId)) {
    if (run.kind === 'deploy') deploy = run;
    else if (run.position !== null) checks.set(run.position, run);
  }
  return { checks, deploy };
}

/** Runs still marked running: of one promotion, or of every promotion. */
export function runningRuns(db: Db, promotionId?: number): RunRecord[] {
  const rows =
    promotionId === undefined
      ? db.prepare(`SELECT * FROM command_runs WHERE state = 'running'`).all()
      : db
          .prepare(`SELECT * FROM command_runs WHERE promotion_id = ? AND state = 'running'`)
          .all(promotionId);
  return (rows as RunRow[]).map(toRecord);
}

export interface NewRun {
  promotionId: number;
  position: number | null;
  kind: 'check' | 'deploy';
  name: string;
  command: string;
  worktree: string;
  ownerPid: number;
  startedAt: string;
}

export function insertRun(db: Db, run: NewRun): number {
  const result = db
    .prepare(
      `INSERT INTO command_runs (promotion_id, position, kind, name, command, state, worktree, owner_pid, started_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
    )
    .run(
      run.promotionId,
      run.position,
      run.kind,
      run.name,
      run.command,
      run.worktree,
      run.ownerPid,
      run.startedAt,
    );
  return Number(result.lastInsertRowid);
}

export function setRunPid(db: Db, runId: number, pid: number): void {
  db.prepare('UPDATE command_runs SET pid = ? WHERE id = ?').run(pid, runId);
}

/** Records how a run ended and returns it as stored. */
export function finishRun(
  db: Db,
  runId: number,
  end: { state: CommandRunState; exitCode: number | null; output: string; finishedAt: string },
): RunRecord {
  db.prepare(
    'UPDATE command_runs SET state = ?, exit_code = ?, output = ?, finished_at = ? WHERE id = ?',
  ).run(end.state, end.exitCode, end.output, end.finishedAt, runId);
  return toRecord(db.prepare('SELECT * FROM command_runs WHERE id = ?').get(runId) as RunRow);
}

/** A run whose watching process died: marked interrupted, with a note appended to its output. */
export function markInterrupted(db: Db, runId: number, note: string, at: string): void {
  db.prepare(
    `UPDATE command_runs SET state = 'interrupted', output = output || ?, finished_at = ? WHERE id = ?`,
  ).run(note, at, runId);
}
