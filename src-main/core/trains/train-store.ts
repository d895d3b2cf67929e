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

/** The most recent train of the repository, whatever its state. */
export function latestTrain(db: Db, repo: string): Train | null {
  const row = db.prepare('SELECT * FROM trains WHERE repo = ? ORDER BY id DESC LIMIT 1').get(repo) as
    TrainRow | undefined;
  return row ? toTrain(row) : null;
}

/** Every train of the repository, newest first. */
export function listTrains(db: Db, repo: string): Train[] {
  return (db.prepare('SELECT * FROM trains WHERE repo = ? ORDER BY id DESC').all(repo) as TrainRow[]).map(
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
