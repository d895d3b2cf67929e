import type { Migration } from './migration.js';

export const trainsAndHotfixes: Migration = {
  version: 3,
  name: 'release trains, their go/no-go decisions, and hotfixes',
  sql: `
    CREATE TABLE trains (
      id INTEGER PRIMARY KEY,
      repo TEXT NOT NULL,
      name TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('cut', 'frozen', 'shipped', 'cancelled')),
      version TEXT NOT NULL,
      branch TEXT NOT NULL,
      tag TEXT NOT NULL,
      cut_sha TEXT NOT NULL,
      previous_tag TEXT,
      scheduled_ship TEXT,
      cut_at TEXT NOT NULL,
      cut_by TEXT NOT NULL,
      frozen_at TEXT,
      shipped_at TEXT,
      shipped_sha TEXT,
      cancelled_at TEXT,
      cancel_reason TEXT
    );
    CREATE INDEX trains_repo ON trains (repo, id);
    -- At most one train in progress per repository.
    CREATE UNIQUE INDEX trains_one_active ON trains (repo) WHERE state IN ('cut', 'frozen');

    CREATE TABLE train_decisions (
      id INTEGER PRIMARY KEY,
      train_id INTEGER NOT NULL REFERENCES trains (id),
      actor TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('go', 'no-go')),
      comment TEXT,
      sha TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX train_decisions_train ON train_decisions (train_id, id);

    CREATE TABLE hotfixes (
      id INTEGER PRIMARY KEY,
      repo TEXT NOT NULL,
      base_tag TEXT NOT NULL,
      base_version TEXT NOT NULL,
      base_sha TEXT NOT NULL,
      branch TEXT NOT NULL,
      version TEXT NOT NULL,
      tag TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('started', 'finished', 'aborted')),
      return_to TEXT NOT NULL,
      started_by TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      release_sha TEXT,
      carried TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX hotfixes_repo ON hotfixes (repo, id);
    -- At most one hotfix in progress per repository (it owns the checkout).
    CREATE UNIQUE INDEX hotfixes_one_active ON hotfixes (repo) WHERE state = 'started';
  `,
};
