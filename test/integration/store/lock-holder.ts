import { spawn } from 'node:child_process';
import { once } from 'node:events';

// Runs in a child process, plain JavaScript: another Release Desk process holding the write lock.
const HOLDER = `
const Database = require('better-sqlite3');
const { file, holdMs, sql } = JSON.parse(process.argv[1]);
const db = new Database(file, { fileMustExist: true });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
db.exec(sql);
db.exec('COMMIT');
db.close();
`;

export interface LockHolder {
  /** Resolves once the child process ends, after its COMMIT. */
  done: Promise<void>;
}

/**
 * Another process that takes the database's write lock, holds it `holdMs`, runs `sql` and
 * commits. Resolves once the lock is held.
 */
export async function holdWriteLock(file: string, holdMs: number, sql = ''): Promise<LockHolder> {
  const child = spawn(process.execPath, ['-e', HOLDER, JSON.stringify({ file, holdMs, sql })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`the lock holder exited with ${String(code)}`);
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    exited.then(() => reject(new Error('the lock holder ended before locking')), reject);
  });
  return { done: exited };
}
