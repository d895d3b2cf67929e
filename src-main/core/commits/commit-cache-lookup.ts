import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { Db } from '../store/database.js';
import { decodeCommit, type EncodedChange } from './commit-codec.js';
import { COMMIT_PARSER_VERSION } from './parse-message.js';

// Reading commits back out of the cache's tables (see commit-cache-store.ts for their shape).

// A range this long is sampled first: a repository read for the first time has nothing cached,
// and the sample saves the 100k lookups that would each find nothing. A wrong "nothing" here
// only means parsing again what is cached, never a wrong answer.
const SAMPLE_ABOVE = 2000;
const SAMPLE_SIZE = 64;
const RECORD_END = '\0';
const FIELD = '\x1f';

/**
 * Fills `found` from the batches `near`, matching each record by its SHA. A history read in
 * one go was stored in its own order, so the record expected next is tried before a map.
 */
export function readNear(
  db: Db,
  shas: string[],
  near: number[],
  found: (CommitRecord | undefined)[],
  served: Set<number>,
): void {
  let positions: Map<string, number> | undefined;
  let next = 0;
  const positionOf = (record: string): number | undefined => {
    const sha = shas[next];
    if (sha !== undefined && record.startsWith(sha) && record[sha.length] === FIELD) return next++;
    positions ??= new Map(shas.map((s, i) => [s, i]));
    const at = positions.get(record.slice(0, record.indexOf(FIELD)));
    if (at !== undefined) next = at + 1;
    return at;
  };
  const readBatch = db.prepare('SELECT records, changes FROM batches WHERE id = ? AND parser = ?');
  for (const batch of near) {
    const row = readBatch.get(batch, COMMIT_PARSER_VERSION) as
      { records: string; changes: string } | undefined;
    if (!row) continue;
    let changes: EncodedChange[][] | undefined;
    row.records.split(RECORD_END).forEach((record, slot) => {
      const position = positionOf(record);
      if (position === undefined || found[position] !== undefined) return;
      changes ??= JSON.parse(row.changes) as EncodedChange[][];
      const change = changes[slot];
      if (!change) return;
      found[position] = decodeCommit(record, change);
      served.add(batch);
    });
  }
}

export function lookUp(db: Db, shas: string[], served: Set<number>): (CommitRecord | undefined)[] {
  const found = new Array<CommitRecord | undefined>(shas.length);
  if (shas.length >= SAMPLE_ABOVE && sampleHits(db, shas, SAMPLE_SIZE) === 0) return found;
  // Asked in SHA order, the index is walked page by page instead of at random.
  const rows = db
    .prepare(
      `SELECT wanted.key, c.batch, c.slot
       FROM (SELECT key, value FROM json_each(?) ORDER BY value) AS wanted
       CROSS JOIN commits AS c ON c.sha = wanted.value`,
    )
    .raw()
    .all(JSON.stringify(shas)) as [position: number, batch: number, slot: number][];
  const byBatch = new Map<number, [position: number, slot: number][]>();
  for (const [position, batch, slot] of rows) {
    const wanted = byBatch.get(batch);
    if (wanted) wanted.push([position, slot]);
    else byBatch.set(batch, [[position, slot]]);
  }
  const readBatch = db.prepare('SELECT records, changes FROM batches WHERE id = ? AND parser = ?');
  for (const [batch, wanted] of byBatch) {
    // A batch of another parser version (or gone) leaves its commits to be parsed again.
    const row = readBatch.get(batch, COMMIT_PARSER_VERSION) as
      { records: string; changes: string } | undefined;
    if (!row) continue;
    const records = row.records.split(RECORD_END);
    const changes = JSON.parse(row.changes) as EncodedChange[][];
    for (const [position, slot] of wanted) {
      const record = records[slot];
      const sha = shas[position]!;
      if (record?.startsWith(sha) && record[sha.length] === FIELD && changes[slot]) {
        found[position] = decodeCommit(record, changes[slot]);
        served.add(batch);
      }
    }
  }
  return found;
}

/** How many of `size` SHAs spread over `shas` are cached. */
export function sampleHits(db: Db, shas: string[], size: number): number {
  const step = shas.length / size;
  const sample = Array.from({ length: Math.min(size, shas.length) }, (_, i) => shas[Math.floor(i * step)]!);
  return db
    .prepare('SELECT count(*) FROM json_each(?) AS wanted JOIN commits AS c ON c.sha = wanted.value')
    .pluck()
    .get(JSON.stringify(sample)) as number;
}
