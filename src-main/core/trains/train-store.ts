import type { GoNoGoDecision, Train } from '../../../shared/domain/trains.js';
import type { Db } from '../store/database.js';

interface TrainRow {
  id: number;
  repo: string;
  name: string;
  state: 'cut' | 'frozen' | 'shipped' | 'cancelled';
  version: string;
  branch: string;
  tag: string;
  cut_sha: string;
  previous_tag: string | null;
  scheduled_ship: string | null;
  cut_at: string;
  cut_by: string;
  frozen_at: string | null;
  shipped_at: string | null;
  shipped_sha: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

interface DecisionRow {
  actor: string;
  decision: 'go' | 'no-go';
  comment: string | null;
  sha: string;
  at: string;
}

function toTrain(row: TrainRow): Train {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    version: row.version,
    branch: row.branch,
    tag: row.tag,
    cutSha: row.cut_sha,
    previousTag: row.previous_tag,
    scheduledShip: row.scheduled_ship,
    cutAt: row.cut_at,
    cutBy: row.cut_by,
    frozenAt: row.frozen_at,
    shippedAt: row.shipped_at,
    shippedSha: row.shipped_sha,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  };
}

// Newest by cut time, not by id: a row put back from the ledger gets a new id.
const NEWEST_FIRST = 'ORDER BY cut_at DESC, id DESC';

/** The most recent train of the repository, whatever its state. */
export function latestTrain(db: Db, repo: string): Train | null {
  const row = db.prepare(`SELECT * FROM trains WHERE repo = ? ${NEWEST_FIRST} LIMIT 1`).get(repo) as
    TrainRow | undefined;
  return row ? toTrain(row) : null;
}

/** Every train of the repository, newest first. */
export function listTrains(db: Db, repo: string): Train[] {
  return (db.prepare(`SELECT * FROM trains WHERE repo = ? ${NEWEST_FIRST}`).all(repo) as TrainRow[]).map(
    toTrain,
  );
}

export function trainById(db: Db, id: number): Train {
  return toTrain(db.prepare('SELECT * FROM trains WHERE id = ?').get(id) as TrainRow);
}

export interface NewTrain {
  repo: string;
  name: string;
  version: string;
  branch: string;
  tag: string;
  cutSha: string;
  previousTag: string | null;
  scheduledShip: string | null;
  cutAt: string;
  cutBy: string;
}

export function insertTrain(db: Db, train: NewTrain): Train {
  const result = db
    .prepare(
      `INSERT INTO trains (repo, name, state, version, branch, tag, cut_sha, previous_tag, scheduled_ship, cut_at, cut_by)
       VALUES (@repo, @name, 'cut', @version, @branch, @tag, @cutSha, @previousTag, @scheduledShip, @cutAt, @cutBy)`,
    )
    .run(train);
  return trainById(db, Number(result.lastInsertRowid));
}

export function markFrozen(db: Db, id: number, at: string): Train {
  db.prepare(`UPDATE trains SET state = 'frozen', frozen_at = ? WHERE id = ?`).run(at, id);
  return trainById(db, id);
}

export function markShipped(db: Db, id: number, at: string, sha: string): Train {
  db.prepare(`UPDATE trains SET state = 'shipped', shipped_at = ?, shipped_sha = ? WHERE id = ?`).run(
    at,
    sha,
    id,
  );
  return trainById(db, id);
}

export function markCancelled(db: Db, id: number, at: string, reason: string | null): Train {
  db.prepare(`UPDATE trains SET state = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?`).run(
    at,
    reason,
    id,
  );
  return trainById(db, id);
}

export function insertDecision(
  db: Db,
  trainId: number,
  decision: { actor: string; decision: 'go' | 'no-go'; comment: string | null; sha: string; at: string },
): void {
  db.prepare(
    `INSERT INTO train_decisions (train_id, actor, decision, comment, sha, at)
     VALUES (@trainId, @actor, @decision, @comment, @sha, @at)`,
  ).run({ trainId, ...decision });
}

/** The latest decision of each person, oldest first; `current` says whether it is for `head`. */
export function latestDecisions(db: Db, trainId: number, head: string | null): GoNoGoDecision[] {
  const rows = db
    .prepare('SELECT actor, decision, comment, sha, at FROM train_decisions WHERE train_id = ? ORDER BY id')
    .all(trainId) as DecisionRow[];
  const byActor = new Map<string, DecisionRow>();
  for (const row of rows) {
    byActor.delete(row.actor);
    byActor.set(row.actor, row);
  }
  return [...byActor.values()].map((row) => ({ ...row, current: row.sha === head }));
}

/** A go/no-go vote as the ledger records it. */
export type VoteRecord = DecisionRow;

/** A train as its events describe it (see ledger/adopt-trains.ts). */
export interface ProjectedTrain extends Omit<
  Train,
  'id' | 'state' | 'version' | 'branch' | 'tag' | 'cutSha'
> {
  state: TrainRow['state'];
  version: string;
  branch: string;
  tag: string;
  /** False for a cut recorded before its event named the tag: then a row's own tag is kept. */
  tagKnown: boolean;
  cutSha: string;
  cutAt: string;
  cutBy: string;
  decisions: VoteRecord[];
}

const isOpen = (state: string): boolean => state === 'cut' || state === 'frozen';

function sameVotes(db: Db, trainId: number, votes: VoteRecord[]): boolean {
  const rows = db
    .prepare('SELECT actor, decision, comment, sha, at FROM train_decisions WHERE train_id = ? ORDER BY id')
    .all(trainId) as DecisionRow[];
  return (
    JSON.stringify(rows) ===
    JSON.stringify(
      votes.map(({ actor, decision, comment, sha, at }) => ({ actor, decision, comment, sha, at })),
    )
  );
}

/**
 * Makes the repository's train rows (and their votes) exactly `trains`: a row is kept (same id,
 * which intents refer to) when its name and cut commit match a projected train, and rewritten
 * where it differs; rows nothing projects are removed, missing ones inserted. With `write` false
 * it only looks. Returns whether anything differed. Call inside a write transaction to write.
 */
export function reconcileTrains(db: Db, repo: string, trains: ProjectedTrain[], write: boolean): boolean {
  const rows = db.prepare('SELECT * FROM trains WHERE repo = ? ORDER BY id').all(repo) as TrainRow[];
  const pairs = trains.map((train) => {
    const index = rows.findIndex((row) => row.name === train.name && row.cut_sha === train.cutSha);
    return { train, row: index < 0 ? null : rows.splice(index, 1)[0]! };
  });
  if (!write && (rows.length > 0 || pairs.some((pair) => pair.row === null))) return true;
  for (const row of rows) {
    db.prepare('DELETE FROM train_decisions WHERE train_id = ?').run(row.id);
    db.prepare('DELETE FROM trains WHERE id = ?').run(row.id);
  }
  // Closed ones first: at most one open train per repository at every step (a unique index).
  pairs.sort((a, b) => Number(isOpen(a.train.state)) - Number(isOpen(b.train.state)));
  const update = db.prepare(
    `UPDATE trains SET state = @state, version = @version, branch = @branch, tag = @tag,
       previous_tag = @previousTag, scheduled_ship = @scheduledShip, cut_at = @cutAt, cut_by = @cutBy,
       frozen_at = @frozenAt, shipped_at = @shippedAt, shipped_sha = @shippedSha,
       cancelled_at = @cancelledAt, cancel_reason = @cancelReason
     WHERE id = @id`,
  );
  const insert = db.prepare(
    `INSERT INTO trains (repo, name, state, version, branch, tag, cut_sha, previous_tag, scheduled_ship,
       cut_at, cut_by, frozen_at, shipped_at, shipped_sha, cancelled_at, cancel_reason)
     VALUES (@repo, @name, @state, @version, @branch, @tag, @cutSha, @previousTag, @scheduledShip,
       @cutAt, @cutBy, @frozenAt, @shippedAt, @shippedSha, @cancelledAt, @cancelReason)`,
  );
  let differed = rows.length > 0;
  for (const { train, row } of pairs) {
    const { decisions, tagKnown, ...fields } = train;
    const values = { ...fields, repo, tag: !tagKnown && row ? row.tag : train.tag };
    let id: number;
    if (row) {
      id = row.id;
      const now = toTrain(row);
      const changed = (Object.keys(values) as (keyof typeof values)[]).some(
        (key) => key !== 'repo' && now[key] !== values[key],
      );
      if (changed && !write) return true;
      if (changed) update.run({ ...values, id });
      differed ||= changed;
    } else {
      id = Number(insert.run(values).lastInsertRowid);
      differed = true;
    }
    if (!sameVotes(db, id, decisions)) {
      if (!write) return true;
      db.prepare('DELETE FROM train_decisions WHERE train_id = ?').run(id);
      for (const vote of decisions) insertDecision(db, id, vote);
      differed = true;
    }
  }
  return differed;
}
