import type { Migration } from './migration.js';

export const intents: Migration = {
  version: 6,
  name: 'intents of multi-step actions, and one open promotion per release and environment',
  sql: `
    -- What a multi-step action (release, hotfix finish, train ship, picks, promote) is about to do,
    -- written before its first change, with each step as it completes, so the next run can finish
    -- or undo an action whose process was killed (core/intent/).
    CREATE TABLE intents (
      id INTEGER PRIMARY KEY,
      repo TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      -- Actions holding the same key exclude each other while running (one git action per repository).
      lock_key TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'rolled-back')),
      plan TEXT NOT NULL,
      steps TEXT NOT NULL DEFAULT '{}',
      -- The Release Desk process running it: pid and its start time (a reused pid is not the owner).
      owner_pid INTEGER NOT NULL,
      owner_start TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      -- How it ended, in one line, when the next run finished or undid it.
      resolution TEXT
    );
    CREATE UNIQUE INDEX intents_one_running ON intents (lock_key) WHERE state = 'running';
    CREATE INDEX intents_running ON intents (state);

    -- Duplicates made before this rule (two processes promoting at once): the newest stays open.
    UPDATE promotions SET state = 'failed', finished_at = started_at,
      failure = 'superseded: another open promotion of the same release into the same environment'
    WHERE state IN ('pending', 'in-progress') AND id NOT IN (
      SELECT MAX(id) FROM promotions WHERE state IN ('pending', 'in-progress')
      GROUP BY repo, environment, version
    );
    CREATE UNIQUE INDEX promotions_one_open ON promotions (repo, environment, version)
      WHERE state IN ('pending', 'in-progress');
  `,
};
