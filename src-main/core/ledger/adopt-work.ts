import type { Db } from '../store/database.js';
import { whenIndexed } from './adopt-events.js';
import { adoptHotfixes } from './adopt-hotfixes.js';
import { adoptTrains } from './adopt-trains.js';

/**
 * Trains and hotfixes of `root` rebuilt from the ledger (and this database's queued events) once
 * its index is up to date. Every refresh projects again, not only one that added events: what
 * counts is the events, so a row edited in the database is rewritten even when nothing new came.
 */
export function adoptTrainsAndHotfixes(db: Db, root: string): Promise<boolean> {
  return whenIndexed(db, root, () => {
    adoptTrains(db, root);
    adoptHotfixes(db, root);
  });
}
