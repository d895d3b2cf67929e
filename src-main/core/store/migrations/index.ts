import { foundation } from './001-foundation.js';
import type { Migration } from './migration.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: Migration[] = [foundation];
