import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import type { Db } from '../store/database.js';
import { faultPoint } from './fault.js';
import type { Owner } from './owner.js';
import { currentOwner, ownerAlive } from './owner.js';
import { writeTransaction } from '../store/write-transaction.js';

export type IntentAction =
  'release' | 'hotfix.finish' | 'train.ship' | 'train.pick' | 'hotfix.pick' | 'promote';

export interface IntentRow {
  id: number;
  repo: string;
  action: IntentAction;
  subject: string;
  lock_key: string;
  state: 'running' | 'done' | 'rolled-back';
  plan: string;
  steps: string;
  owner_pid: number;
  owner_start: string;
  started_at: string;
  finished_at: string | null;
  resolution: string | null;
}

/** Git actions share one key per repository: they move its refs and its checkout. */
export function gitLock(repo: string): string {
  return `${repo}\0git`;
}

const VERBS: Record<IntentAction, string> = {
  release: 'releasing',
  'hotfix.finish': 'finishing the hotfix',
  'train.ship': 'shipping',
  'train.pick': 'picking onto',
  'hotfix.pick': 'picking into',
  promote: 'promoting',
};

export function describeIntent(row: Pick<IntentRow, 'action' | 'subject'>): string {
  return `${VERBS[row.action]} ${row.subject}`;
}

export function ownerOf(row: IntentRow): Owner {
  return { pid: row.owner_pid, start: row.owner_start };
}

/** Running intents whose process is gone: what a killed run left half-done. */
export function interruptedIntents(db: Db, repo?: string): IntentRow[] {
  const rows = db.prepare(`SELECT * FROM intents WHERE state = 'running' ORDER BY id`).all() as IntentRow[];
  return rows.filter((row) => (repo === undefined || row.repo === repo) && !ownerAlive(ownerOf(row)));
}

/**
 * One action's record: its plan, written before the first change, and each step as it
 * completes. Steps are recorded after their change is made, so a crash in between leaves a
 * change the record does not mention yet: recovery reads git for those.
 */
export class Intent<P> {
  constructor(
    private readonly db: Db,
    readonly row: IntentRow,
    readonly plan: P,
    private readonly steps: Record<string, unknown>,
  ) {}

  static load<P>(db: Db, row: IntentRow): Intent<P> {
    return new Intent<P>(
      db,
      row,
      JSON.parse(row.plan) as P,
      JSON.parse(row.steps) as Record<string, unknown>,
    );
  }

  get id(): number {
    return this.row.id;
  }

  /** The step is done (after a fault point, so the crash tests can stop between change and record). */
  step(name: string, data: unknown = true): void {
    faultPoint(this.row.action, name);
    this.steps[name] = data;
    this.db.prepare('UPDATE intents SET steps = ? WHERE id = ?').run(JSON.stringify(this.steps), this.id);
  }

  has(name: string): boolean {
    return name in this.steps;
  }

  data<T>(name: string): T | undefined {
    return this.steps[name] as T | undefined;
  }

  /** Says, in one line, how the next run ended an intent its own process did not. */
  resolve(resolution: string): void {
    this.db.prepare('UPDATE intents SET resolution = ? WHERE id = ?').run(resolution, this.id);
  }

  /** Ends the intent; call it in the transaction that records the action's outcome. */
  finish(state: 'done' | 'rolled-back', at: Date, resolution: string | null = null): void {
    this.db
      .prepare(
        `UPDATE intents SET state = ?, finished_at = ?, resolution = ? WHERE id = ? AND state = 'running'`,
      )
      .run(state, at.toISOString(), resolution, this.id);
  }
}

function busy(holder: IntentRow): DeskError {
  return new DeskError(
    'conflict',
    ownerAlive(ownerOf(holder))
      ? `Another Release Desk process (${holder.owner_pid}) is ${describeIntent(holder)} in this repository: wait for it to finish.`
      : `A Release Desk process (${holder.owner_pid}) was killed while ${describeIntent(holder)}: run the command again to finish or undo it.`,
  );
}

/**
 * Refuses, before any check reads the working tree, while another git action runs in `repo`:
 * its half-written files are not the user's uncommitted changes.
 */
export function assertRepositoryFree(core: Core, repo: string): void {
  const holder = core.db
    .prepare(`SELECT * FROM intents WHERE lock_key = ? AND state = 'running'`)
    .get(gitLock(repo)) as IntentRow | undefined;
  if (holder) throw busy(holder);
}

/**
 * Records an action's plan before it changes anything. Refused while another live process holds
 * the same lock; a dead holder's intent must be recovered first (`resumeInterrupted`).
 */
export function beginIntent<P>(
  core: Core,
  entry: { repo: string; action: IntentAction; subject: string; lockKey?: string; plan: P },
): Intent<P> {
  const owner = currentOwner();
  const lockKey = entry.lockKey ?? gitLock(entry.repo);
  const row = writeTransaction(core.db, () => {
    const holder = core.db
      .prepare(`SELECT * FROM intents WHERE lock_key = ? AND state = 'running'`)
      .get(lockKey) as IntentRow | undefined;
    if (holder) throw busy(holder);
    const id = Number(
      core.db
        .prepare(
          `INSERT INTO intents (repo, action, subject, lock_key, state, plan, owner_pid, owner_start, started_at)
             VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
        )
        .run(
          entry.repo,
          entry.action,
          entry.subject,
          lockKey,
          JSON.stringify(entry.plan),
          owner.pid,
          owner.start,
          core.now().toISOString(),
        ).lastInsertRowid,
    );
    return core.db.prepare('SELECT * FROM intents WHERE id = ?').get(id) as IntentRow;
  });
  const intent = Intent.load<P>(core.db, row);
  intent.step('begun');
  return intent;
}
