import path from 'node:path';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { Db } from '../store/database.js';
import { openCache, removeCache } from './commit-cache-file.js';
import { lookUp, readNear, sampleHits } from './commit-cache-lookup.js';
import { BatchEncoder, type EncodedBatch, ThreadWriter, writeBatches } from './commit-cache-writer.js';
import type { GraphCommit } from './history-graph.js';
import { encodeGraph } from './history-graph.js';
import { COMMIT_PARSER_VERSION } from './parse-message.js';

/**
 * What is known of a commit's diff (see same-change.ts): its shape (`paths` and `exact` of
 * `DiffShape`, joined; '' for a commit without a diff) and its patch-id (null: not asked yet;
 * '' none). Both never change for a SHA.
 */
export interface DiffFacts {
  shape: string;
  patchId: string | null;
}

/** A tip's whole history as kept (see `history`). */
export interface KeptHistory {
  /** Position in the tips asked about of the tip found. */
  at: number;
  shas: string[];
  /** The batches its commits were found in when last read. */
  batches: number[];
  /** Its commits' graph and authors (history-graph.ts); null when it could not be kept. */
  graph: string | null;
}

/** Commits found in the cache (missing ones undefined) and the batches they came from. */
export interface CacheFind {
  commits: (CommitRecord | undefined)[];
  batches: number[];
}

/** Commits going into the cache as they are parsed; `end` once the last is added, or `cancel`. */
export interface CacheFill {
  add(commit: CommitRecord, record: string): void;
  end(): void;
  /** Writes nothing (the read failed or was given up). */
  cancel(): void;
}

export const COMMIT_CACHE_FILE = 'commit-cache.sqlite';
// From this many commits a store is written on a thread (about 30 ms to start).
const WRITE_ON_THREAD_FROM = 5000;
// Whole histories kept (one per tip: branches, clones, a tip and the one before a new commit).
const HISTORIES = 8;

/**
 * Parsed commits live in their own database file beside the state database. The cache is
 * disposable, so it is tuned for bulk writes, a damaged or foreign file (or row) is simply recreated,
 * and filling it never holds the state database's write lock (audit events, approvals).
 *
 * Commits parsed together are stored together: one `batches` row holds up to 1000 of git's own
 * records (NUL-separated, as git wrote them) and their parses as one JSON array, and `commits`
 * indexes each SHA to its batch and slot. A first read of 100k commits so writes 100 rows and
 * one small index entry per commit; a row per commit measured twice as slow to write.
 */
export class CommitCacheStore {
  #db: Db | null = null;
  #writes: Promise<void> = Promise.resolve();

  /** `file` null keeps the cache in memory (a state database in memory has no directory). */
  constructor(private readonly file: string | null) {}

  /** Beside the state database `db`, opened on first use. */
  static besideState(db: Db): CommitCacheStore {
    return new CommitCacheStore(db.memory ? null : path.join(path.dirname(db.name), COMMIT_CACHE_FILE));
  }

  get db(): Db {
    return (this.#db ??= this.open());
  }

  close(): void {
    this.#db?.close();
    this.#db = null;
  }

  /** The cached commits among `shas`, at their positions (missing ones undefined). */
  async find(shas: string[]): Promise<(CommitRecord | undefined)[]> {
    return (await this.findIn(shas, [])).commits;
  }

  /**
   * As `find`, looking first through the batches `near` (those that held the same commits
   * before, see `history`): read whole, they need no index lookup of each SHA. Says which
   * batches the commits came from.
   */
  async findIn(shas: string[], near: number[]): Promise<CacheFind> {
    const nothing = (): CacheFind => ({ commits: new Array(shas.length), batches: [] });
    return this.read(nothing, (db) => {
      const found = nothing();
      const served = new Set<number>();
      if (near.length > 0) readNear(db, shas, near, found.commits, served);
      const rest = near.length > 0 ? shas.filter((_, i) => found.commits[i] === undefined) : shas;
      if (rest.length > 0) {
        const at = rest === shas ? null : shas.flatMap((_, i) => (found.commits[i] === undefined ? [i] : []));
        const more = lookUp(db, rest, served);
        more.forEach((commit, i) => (found.commits[at === null ? i : at[i]!] = commit));
      }
      found.batches = [...served];
      return found;
    });
  }

  /** `use` on the cache once the writes begun have ended; `nothing` should the cache fail. */
  async read<T>(nothing: () => T, use: (db: Db) => T): Promise<T> {
    // A write that failed only leaves its rows to be made again; `flush` reports it.
    await this.#writes.catch(() => undefined);
    return this.#guarded(nothing, use);
  }

  /** `write` once the writes begun have ended; a cache that cannot take it only loses it. */
  write(write: (db: Db) => void): void {
    this.#afterWrites(write);
  }

  /**
   * Fills the cache with about `expected` commits, added as they are parsed. A long history goes
   * to a thread as it is parsed (see `ThreadWriter`) and `end` returns at once: `find` and
   * `flush` wait for its write. Should the thread fail to open the cache, this thread writes.
   */
  fill(expected: number): CacheFill {
    const file = this.file;
    if (file === null || expected < WRITE_ON_THREAD_FROM) {
      const commits: CommitRecord[] = [];
      const records: string[] = [];
      return {
        add: (commit, record) => {
          commits.push(commit);
          records.push(record);
        },
        end: () => this.#writeHere(commits, records),
        cancel: () => undefined,
      };
    }
    const thread = new ThreadWriter(file, COMMIT_PARSER_VERSION);
    const encoder = new BatchEncoder('bytes', (batch) => thread.write(batch));
    // Kept only until the thread has the cache open, in case it cannot (say, a driver it cannot
    // load); then let go, so the commits are garbage once their caller is done with them.
    let kept: { commits: CommitRecord[]; records: string[] } | null = { commits: [], records: [] };
    thread.started.then(
      () => (kept = null),
      () => undefined,
    );
    return {
      add: (commit, record) => {
        encoder.add(commit, record);
        kept?.commits.push(commit);
        kept?.records.push(record);
      },
      end: () => {
        encoder.finish();
        const write = thread.end().catch((error: unknown) => {
          if (kept === null) throw error;
          this.#writeHere(kept.commits, kept.records);
        });
        this.#writes = Promise.all([this.#writes, write]).then(() => undefined);
      },
      cancel: () => thread.cancel(),
    };
  }

  /** Resolves once every write begun has ended; rejects with the first that failed. */
  flush(): Promise<void> {
    return this.#writes;
  }

  /** Whether any of `shas` is cached, once the writes begun have ended. */
  async anyCached(shas: string[]): Promise<boolean> {
    await this.#writes.catch(() => undefined);
    return this.sampleCached(shas, shas.length);
  }

  /** Whether any of `size` SHAs spread over `shas` is cached. */
  sampleCached(shas: string[], size: number): boolean {
    return this.#guarded(
      () => false,
      (db) => sampleHits(db, shas, size) > 0,
    );
  }

  /**
   * The first of `tips` whose whole history (`rev-list` of it, newest first) was kept, with its
   * position in `tips` and that history.
   */
  async history(tips: string[]): Promise<KeptHistory | null> {
    return this.read(
      () => null,
      (db) => {
        const row = db
          .prepare(
            'SELECT wanted.key, h.shas, h.batches, h.graph FROM json_each(?) AS wanted JOIN histories AS h ON h.tip = wanted.value ORDER BY wanted.key LIMIT 1',
          )
          .raw()
          .get(JSON.stringify(tips)) as
          [at: number, shas: string, batches: string, graph: string] | undefined;
        if (!row) return null;
        db.prepare('UPDATE histories SET used = ? WHERE tip = ?').run(this.#clock(), tips[row[0]]);
        const [at, shas, batches, graph] = row;
        return {
          at,
          shas: shas === '' ? [] : shas.split('\n'),
          batches: JSON.parse(batches) as number[],
          graph: graph === '' ? null : graph,
        };
      },
    );
  }

  /**
   * Keeps the whole history of `tip` (its commits newest first) and, with `graph`, its graph,
   * forgetting the least used past HISTORIES; written once the writes begun have ended, so a
   * first read's thread is not waited for.
   */
  keepHistory(tip: string, commits: GraphCommit[], batches: number[], graph: boolean): void {
    this.#afterWrites((db) =>
      db.transaction(() => {
        db.prepare(
          'INSERT OR REPLACE INTO histories (tip, shas, batches, graph, used) VALUES (?, ?, ?, ?, ?)',
        ).run(
          tip,
          commits.map((commit) => commit.sha).join('\n'),
          JSON.stringify(batches),
          (graph ? encodeGraph(commits) : null) ?? '',
          this.#clock(),
        );
        db.prepare(
          'DELETE FROM histories WHERE tip NOT IN (SELECT tip FROM histories ORDER BY used DESC LIMIT ?)',
        ).run(HISTORIES);
      })(),
    );
  }

  /** `write` once the writes begun have ended; a cache that cannot take it only loses it. */
  #afterWrites(write: (db: Db) => void): void {
    const before = this.#writes;
    const after = before.catch(() => undefined).then(() => this.#guarded(() => undefined, write));
    this.#writes = Promise.all([before, after]).then(() => undefined);
  }

  // A counter rather than the time: two uses in one millisecond still keep their order.
  #clock(): number {
    const last = this.db.prepare('SELECT max(used) FROM histories').pluck().get() as number | null;
    return (last ?? 0) + 1;
  }

  /** The diff facts known for `shas`. */
  async diffFacts(shas: string[]): Promise<Map<string, DiffFacts>> {
    return this.read(
      () => new Map<string, DiffFacts>(),
      (db) => {
        const rows = db
          .prepare(
            'SELECT d.sha, d.shape, d.patch FROM json_each(?) AS wanted JOIN diffs AS d ON d.sha = wanted.value',
          )
          .raw()
          .all(JSON.stringify(shas)) as [sha: string, shape: string, patch: string | null][];
        return new Map(rows.map(([sha, shape, patchId]) => [sha, { shape, patchId }]));
      },
    );
  }

  /** Keeps diff facts learnt, once the writes begun have ended. */
  saveDiffFacts(facts: Map<string, DiffFacts>): void {
    if (facts.size === 0) return;
    this.#afterWrites((db) => {
      const save = db.prepare('INSERT OR REPLACE INTO diffs (sha, shape, patch) VALUES (?, ?, ?)');
      db.transaction(() => {
        for (const [sha, { shape, patchId }] of facts) save.run(sha, shape, patchId);
      })();
    });
  }

  /**
   * `use` on the cache; should it fail in any way (a damaged page, an unparsable row, a dropped
   * table), the cache is started again and the answer is `nothing`: its commits are parsed again.
   * A cache busy with another process's write is left as it is.
   */
  #guarded<T>(nothing: () => T, use: (db: Db) => T): T {
    try {
      return use(this.db);
    } catch (error) {
      if (!isBusy(error)) this.#startAgain();
      return nothing();
    }
  }

  /** Writes commits and git's records of them (same order) on this thread, into a fresh cache if need be. */
  #writeHere(commits: CommitRecord[], records: string[]): void {
    const batches: EncodedBatch[] = [];
    const encoder = new BatchEncoder('text', (batch) => batches.push(batch));
    commits.forEach((commit, i) => encoder.add(commit, records[i]!));
    encoder.finish();
    try {
      writeBatches(this.db, batches, COMMIT_PARSER_VERSION);
    } catch (error) {
      if (isBusy(error)) throw error;
      this.#startAgain();
      writeBatches(this.db, batches, COMMIT_PARSER_VERSION);
    }
  }

  #startAgain(): void {
    this.close();
    if (this.file !== null) removeCache(this.file);
  }

  /** Whatever is in the cache's place that cannot be opened is removed; failing that, the cache lives in memory. */
  private open(): Db {
    if (this.file === null) return openCache(':memory:');
    try {
      return openCache(this.file);
    } catch (error) {
      if (isBusy(error)) throw error;
    }
    try {
      removeCache(this.file);
      return openCache(this.file);
    } catch {
      return openCache(':memory:');
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
