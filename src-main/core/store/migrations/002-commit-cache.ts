import type { Migration } from './migration.js';

export const commitCache: Migration = {
  version: 2,
  name: 'commit cache: parsed commits by SHA',
  sql: `
    -- Commits are content-addressed, so a SHA names the same commit in every repository: the
    -- cache is keyed by SHA alone. Rows written by another parser version are parsed again.
    -- data: the commit and its parsed changes, encoded by core/commits/commit-codec.ts.
    CREATE TABLE commit_cache (
      sha TEXT PRIMARY KEY,
      parser INTEGER NOT NULL,
      data TEXT NOT NULL
    );
  `,
};
