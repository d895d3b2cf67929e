import { foundation } from './001-foundation.js';
import { commitCache } from './002-commit-cache.js';
import { trainsAndHotfixes } from './003-trains-hotfixes.js';
import { promotions } from './004-promotions.js';
import { commitCacheFile } from './005-commit-cache-file.js';
import { intents } from './006-intents.js';
import { ledgerIndex } from './007-ledger-index.js';
import type { Migration } from './migration.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: Migration[] = [
  foundation,
  commitCache,
  trainsAndHotfixes,
  promotions,
  commitCacheFile,
  intents,
  ledgerIndex,
];
