import type { Migration } from './migration.js';

export const foundation: Migration = {
  version: 1,
  name: 'foundation: recent repositories and the audit log',
  sql: `
    CREATE TABLE repositories (
      path TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      opened_at TEXT NOT NULL
    );

    CREATE TABLE audit_events (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      repo TEXT,
      subject TEXT,
      details TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    );

    -- Append-only: the app never updates or deletes audit rows. Someone editing the file by hand
    -- can still drop these triggers, which is what the hash chain is for.
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `,
};
