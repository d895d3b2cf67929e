import type { CarryResult, Hotfix, HotfixState } from '../../../shared/domain/hotfix.js';
import type { Db } from '../store/database.js';

/** A hotfix as the database keeps it; picks and conflicts are read from git, its source of truth. */
export interface HotfixRecord extends Omit<Hotfix, 'picks' | 'conflict'> {
  repo: string;
}

interface HotfixRow {
  id: number;
  repo: string;
  base_tag: string;
  base_version: string;
  base_sha: string;
  branch: string;
  version: string;
  tag: string;
  state: HotfixState;
  return_to: string;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  release_sha: string | null;
  carried: string;
}

function toRecord(row: HotfixRow): HotfixRecord {
  return {
    id: row.id,
    repo: row.repo,
    baseTag: row.base_tag,
    baseVersion: row.base_version,
    baseSha: row.base_sha,
    branch: row.branch,
    version: row.version,
    tag: row.tag,
    state: row.state,
    returnTo: row.return_to,
    startedBy: row.started_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    releaseSha: row.release_sha,
    carried: JSON.parse(row.carried) as CarryResult[],
  };
}

/** The hotfix in progress in `repo`, if any. */
export function startedHotfix(db: Db, repo: string): HotfixRecord | null {
  const row = db.prepare(`SELECT * FROM hotfixes WHERE repo = ? AND state = 'started'`).get(repo) as
    HotfixRow | undefined;
  return row ? toRecord(row) : null;
}

export function hotfixById(db: Db, id: number): HotfixRecord {
  return toRecord(db.prepare('SELECT * FROM hotfixes WHERE id = ?').get(id) as HotfixRow);
}

export type NewHotfix = Omit<HotfixRecord, 'id' | 'state' | 'finishedAt' | 'releaseSha' | 'carried'>;

export function insertHotfix(db: Db, hotfix: NewHotfix): HotfixRecord {
  const result = db
    .prepare(
      `INSERT INTO hotfixes (repo, base_tag, base_version, base_sha, branch, version, tag, state, return_to, started_by, started_at)
       VALUES (@repo, @baseTag, @baseVersion, @baseSha, @branch, @version, @tag, 'started', @returnTo, @startedBy, @startedAt)`,
    )
    .run(hotfix);
  return hotfixById(db, Number(result.lastInsertRowid));
}

export function markAborted(db: Db, id: number, at: string): HotfixRecord {
  db.prepare(`UPDATE hotfixes SET state = 'aborted', finished_at = ? WHERE id = ?`).run(at, id);
  return hotfixById(db, id);
}

export function markFinished(
  db: Db,
  id: number,
  finish: { at: string; version: string; tag: string; releaseSha: string; carried: CarryResult[] },
): HotfixRecord {
  db.prepare(
    `UPDATE hotfixes SET state = 'finished', finished_at = @at, version = @version, tag = @tag,
       release_sha = @releaseSha, carried = @carried WHERE id = @id`,
  ).run({ ...finish, carried: JSON.stringify(finish.carried), id });
  return hotfixById(db, id);
}
