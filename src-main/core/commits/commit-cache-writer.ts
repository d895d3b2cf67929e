import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { Db } from '../store/database.js';
import { databaseOptions } from '../store/native-binding.js';
import { encodeChanges } from './commit-codec.js';

/** Up to BATCH_SIZE commits as one `batches` row and their index entries, ready to write. */
export interface EncodedBatch {
  /** git's records of the commits, NUL-separated. */
  records: string | Uint8Array;
  /** JSON: each commit's encoded changes (commit-codec.ts). */
  changes: string | Uint8Array;
  /** JSON: the commits' SHAs, slot by slot. */
  shas: string | Uint8Array;
}

// Commits stored per batch row: few enough that a short range reads little it does not need.
const BATCH_SIZE = 1000;
const RECORD_END = '\0';

/**
 * Encodes commits for `writeBatches` as they are parsed and hands over each full batch: a long
 * read so encodes (and writes) while it waits on git, not after. As bytes, a batch can be handed
 * to a thread without a copy, and its text is dropped as soon as it is encoded.
 */
export class BatchEncoder {
  readonly #form: (text: string) => string | Uint8Array;
  #commits: CommitRecord[] = [];
  #records: string[] = [];

  constructor(
    as: 'text' | 'bytes',
    private readonly onBatch: (batch: EncodedBatch) => void,
  ) {
    const encoder = new TextEncoder();
    this.#form = as === 'text' ? (text) => text : (text) => encoder.encode(text);
  }

  /** A parsed commit and git's record it was parsed from. */
  add(commit: CommitRecord, record: string): void {
    this.#commits.push(commit);
    this.#records.push(record);
    if (this.#commits.length === BATCH_SIZE) this.#seal();
  }

  /** Hands over the last, partial batch. */
  finish(): void {
    if (this.#commits.length > 0) this.#seal();
  }

  #seal(): void {
    this.onBatch({
      records: this.#form(this.#records.join(RECORD_END)),
      changes: this.#form(JSON.stringify(this.#commits.map(encodeChanges))),
      shas: this.#form(JSON.stringify(this.#commits.map((commit) => commit.sha))),
    });
    this.#commits = [];
    this.#records = [];
  }
}

/**
 * Writes batches in one transaction. The writer thread runs this function's own source, so it
 * must stay self-contained: no names from outside it. Values come as text or as UTF-8 bytes
 * (what a thread is handed without a copy), hence the casts.
 */
export function writeBatches(db: Db, batches: EncodedBatch[], parser: number): void {
  const insertBatch = db.prepare(
    'INSERT INTO batches (parser, records, changes) VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT))',
  );
  // A commit parsed again (another parser version, or two processes filling the cache at once)
  // points at its newest batch.
  const indexBatch = db.prepare(
    'INSERT OR REPLACE INTO commits (sha, batch, slot) SELECT value, ?, key FROM json_each(CAST(? AS TEXT)) ORDER BY value',
  );
  db.transaction(() => {
    // Batches of another parser version are never read again.
    db.prepare('DELETE FROM batches WHERE parser <> ?').run(parser);
    for (const batch of batches) {
      const { lastInsertRowid } = insertBatch.run(parser, batch.records, batch.changes);
      indexBatch.run(lastInsertRowid, batch.shas);
    }
  })();
}

const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const writeBatches = ${writeBatches.toString()};
// The driver's own error class loses its message on the way to the main thread.
const failed = (error) => new Error(String(error.message));
let db;
try {
  db = new Database(workerData.file, workerData.options);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
} catch (error) {
  throw failed(error);
}
parentPort.postMessage('started');
// Held until the last: writing beside git and the parser slowed both, and one transaction
// writes each page of the index once.
const batches = [];
parentPort.on('message', (batch) => {
  if (batch !== null) {
    batches.push(batch);
    return;
  }
  try {
    writeBatches(db, batches, workerData.parser);
    // Moving the written pages into the database here spares the main thread's close doing it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    parentPort.close();
  } catch (error) {
    db.close();
    throw failed(error);
  }
});
`;

/**
 * Writes batches into the cache file on a thread of its own, so a first read of a long history
 * writes its 40 MB while the main thread goes on to build the changelog. Batches are handed over
 * as they are encoded, their bytes moved to the thread, not copied.
 */
export class ThreadWriter {
  /** Resolves once the thread has the cache open: a failure after that is the write's own. */
  readonly started: Promise<void>;
  readonly #worker: Worker;
  readonly #ended: Promise<void>;

  constructor(file: string, parser: number) {
    this.#worker = new Worker(WRITER, {
      eval: true,
      workerData: {
        file,
        parser,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        // The thread runs in the same runtime as this one (Electron's too), so it loads the same binding.
        options: databaseOptions({ fileMustExist: true }),
      },
    });
    this.#ended = new Promise<void>((resolve, reject) => {
      this.#worker.once('error', reject);
      this.#worker.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`exited with code ${code}`)),
      );
    });
    this.started = new Promise<void>((resolve, reject) => {
      this.#worker.once('message', () => resolve());
      this.#ended.then(resolve, reject);
    });
    // Failures are reported by `end`; until then a thread that failed just drops what it is sent.
    this.#ended.catch(() => undefined);
    this.started.catch(() => undefined);
  }

  write(batch: EncodedBatch): void {
    const bytes = [batch.records, batch.changes, batch.shas] as Uint8Array[];
    this.#worker.postMessage(
      batch,
      bytes.map((b) => b.buffer as ArrayBuffer),
    );
  }

  /** Ends the thread at once, writing nothing. */
  cancel(): void {
    void this.#worker.terminate();
  }

  /** Resolves once every batch is written and the thread has ended. */
  end(): Promise<void> {
    this.#worker.postMessage(null);
    return this.#ended;
  }
}
