import type { Migration } from './migration.js';

export const commitCacheFile: Migration = {
  version: 5,
  name: 'commit cache moves to its own file',
  sql: `
    -- Parsed commits are cached in commit-cache.sqlite beside this file (core/commits/commit-cache-store.ts).
    DROP TABLE commit_cache;
  `,
};
