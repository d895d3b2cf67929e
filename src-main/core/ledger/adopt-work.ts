import type { Db } from '../store/database.js';
import { whenIndexed } from './adopt-events.js';
import { adoptHotfixes } from './adopt-hotfixes.js';
import { adoptTrains } from './adopt-trains.js';

/**
 * Trains and hotfixes of `root` rebuilt from the ledger (and this database's queued events) once
 * its index is up to date. Every refresh projects again, not only one that added events: what
 * counts is the events, so a row edited in the database is rewritten even when nothing new came.
 * Returns whether rows were rewritten.
 */
export function adoptTrainsAndHotfixes(db: Db, root: string): Promise<boolean> {
  // Both are asked (no short cut): writing, each rewrites its own rows.
  return whenIndexed(db, root, (write) =>
    [adoptTrains(db, root, write), adoptHotfixes(db, root, write)].includes(true),
  );
}
