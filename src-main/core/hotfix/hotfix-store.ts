import type { CarryResult, Hotfix, HotfixState } from '../../../shared/domain/hotfix.js';
import { canonicalJson } from '../audit/canonical-json.js';
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

/** A hotfix as its events describe it (see ledger/adopt-hotfixes.ts). */
export type ProjectedHotfix = Omit<HotfixRecord, 'id' | 'repo'>;

/**
 * Makes the repository's hotfix rows exactly `hotfixes`: a row is kept (same id, which intents
 * refer to) when its branch and base commit match a projected hotfix, and rewritten where it
 * differs; rows nothing projects are removed, missing ones inserted. With `write` false it only
 * looks. Returns whether anything differed. Call inside a write transaction to write.
 */
export function reconcileHotfixes(
  db: Db,
  repo: string,
  hotfixes: ProjectedHotfix[],
  write: boolean,
): boolean {
  const rows = db.prepare('SELECT * FROM hotfixes WHERE repo = ? ORDER BY id').all(repo) as HotfixRow[];
  const pairs = hotfixes.map((hotfix) => {
    const index = rows.findIndex((row) => row.branch === hotfix.branch && row.base_sha === hotfix.baseSha);
    return { hotfix, row: index < 0 ? null : rows.splice(index, 1)[0]! };
  });
  if (!write && (rows.length > 0 || pairs.some((pair) => pair.row === null))) return true;
  let differed = rows.length > 0;
  for (const row of rows) db.prepare('DELETE FROM hotfixes WHERE id = ?').run(row.id);
  // Ended ones first: at most one started hotfix per repository at every step (a unique index).
  pairs.sort((a, b) => Number(a.hotfix.state === 'started') - Number(b.hotfix.state === 'started'));
  const columns = `base_tag = @baseTag, base_version = @baseVersion, base_sha = @baseSha, branch = @branch,
    version = @version, tag = @tag, state = @state, return_to = @returnTo, started_by = @startedBy,
    started_at = @startedAt, finished_at = @finishedAt, release_sha = @releaseSha, carried = @carried`;
  const update = db.prepare(`UPDATE hotfixes SET ${columns} WHERE id = @id`);
  const insert = db.prepare(
    `INSERT INTO hotfixes (repo, base_tag, base_version, base_sha, branch, version, tag, state, return_to,
       started_by, started_at, finished_at, release_sha, carried)
     VALUES (@repo, @baseTag, @baseVersion, @baseSha, @branch, @version, @tag, @state, @returnTo,
       @startedBy, @startedAt, @finishedAt, @releaseSha, @carried)`,
  );
  for (const { hotfix, row } of pairs) {
    const values = { ...hotfix, repo, carried: JSON.stringify(hotfix.carried) };
    if (!row) {
      insert.run(values);
      differed = true;
      continue;
    }
    const { id, repo: _repo, ...stored } = toRecord(row);
    if (canonicalJson(stored) === canonicalJson(hotfix)) continue;
    if (!write) return true;
    update.run({ ...values, id });
    differed = true;
  }
  return differed;
}
