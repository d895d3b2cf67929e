import type { Migration } from './migration.js';

export const promotions: Migration = {
  version: 4,
  name: 'promotions: gates, checklist ticks, approvals and command runs',
  sql: `
    CREATE TABLE promotions (
      id INTEGER PRIMARY KEY,
      repo TEXT NOT NULL,
      environment TEXT NOT NULL,
      version TEXT NOT NULL,
      tag TEXT NOT NULL,
      sha TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      state TEXT NOT NULL
        CHECK (state IN ('pending', 'in-progress', 'succeeded', 'failed', 'rejected', 'rolled-back')),
      requested_by TEXT NOT NULL,
      release_creator TEXT,
      fast_track INTEGER NOT NULL,
      is_rollback INTEGER NOT NULL DEFAULT 0,
      replaces INTEGER REFERENCES promotions(id),
      -- The environment's policy (gates, deploy, predecessor) as it was at start: the promotion keeps it.
      policy_json TEXT NOT NULL,
      policy_hash TEXT NOT NULL,
      -- Hash of the changed repository policy last recorded in the audit log, so it is recorded once.
      policy_change_seen TEXT,
      window_override TEXT,
      failure TEXT,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      UNIQUE (repo, environment, version, attempt)
    );
    CREATE INDEX promotions_by_env ON promotions (repo, environment, state);

    CREATE TABLE promotion_gates (
      promotion_id INTEGER NOT NULL REFERENCES promotions(id),
      position INTEGER NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('passed', 'failed', 'waiting', 'skipped')),
      detail TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (promotion_id, position)
    );

    CREATE TABLE checklist_ticks (
      id INTEGER PRIMARY KEY,
      promotion_id INTEGER NOT NULL REFERENCES promotions(id),
      item TEXT NOT NULL,
      actor TEXT NOT NULL,
      note TEXT,
      at TEXT NOT NULL,
      -- The audit event recording this tick; its details must match this row.
      audit_seq INTEGER NOT NULL UNIQUE,
      UNIQUE (promotion_id, item)
    );

    CREATE TABLE approvals (
      id INTEGER PRIMARY KEY,
      promotion_id INTEGER NOT NULL REFERENCES promotions(id),
      repo TEXT NOT NULL,
      environment TEXT NOT NULL,
      approver TEXT NOT NULL,
      actor TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
      sha TEXT NOT NULL,
      at TEXT NOT NULL,
      comment TEXT,
      -- The audit event recording this decision; its details must match this row.
      audit_seq INTEGER NOT NULL UNIQUE
    );
    CREATE INDEX approvals_by_release ON approvals (repo, environment, sha);

    CREATE TABLE command_runs (
      id INTEGER PRIMARY KEY,
      promotion_id INTEGER NOT NULL REFERENCES promotions(id),
      -- Gate position for checks; NULL for the deploy.
      position INTEGER,
      kind TEXT NOT NULL CHECK (kind IN ('check', 'deploy')),
      name TEXT NOT NULL,
      command TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'passed', 'failed', 'timed-out', 'interrupted')),
      exit_code INTEGER,
      output TEXT NOT NULL DEFAULT '',
      worktree TEXT,
      -- The command's process group and the Release Desk process that watches it, to clean up
      -- after a watcher killed mid-run.
      pid INTEGER,
      owner_pid INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE INDEX command_runs_running ON command_runs (state);
  `,
};
