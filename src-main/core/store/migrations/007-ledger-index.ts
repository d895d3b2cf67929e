import type { Migration } from './migration.js';

export const ledgerIndex: Migration = {
  version: 7,
  name: 'ledger: outbox of events not yet in the shared ledger, and an index of the ledger by head',
  sql: `
    -- Audit events waiting to be appended to their repository's ledger (written in the action's
    -- own transaction, so none is lost when git fails; error says why the last try failed).
    CREATE TABLE ledger_outbox (
      audit_seq INTEGER PRIMARY KEY,
      repo TEXT NOT NULL,
      imported INTEGER NOT NULL DEFAULT 0,
      -- The process appending it now, so two processes sharing this file never append it twice.
      claimed_by INTEGER,
      error TEXT
    );

    -- Every event of a repository's ledger as last read, rebuilt from the ledger when its head or
    -- the allowed signers change: never a second truth.
    CREATE TABLE ledger_events (
      repo TEXT NOT NULL,
      commit_sha TEXT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT,
      details TEXT NOT NULL,
      imported INTEGER NOT NULL,
      local_seq INTEGER,
      signature TEXT NOT NULL,
      signer TEXT,
      signing_key TEXT,
      PRIMARY KEY (repo, commit_sha)
    );
    CREATE INDEX ledger_events_by_subject ON ledger_events (repo, subject, action);

    CREATE TABLE ledger_heads (
      repo TEXT PRIMARY KEY,
      head TEXT NOT NULL,
      signers_hash TEXT NOT NULL
    );

    -- What the database held before the ledger: imported once, marked imported and unsigned.
    INSERT INTO ledger_outbox (audit_seq, repo, imported)
      SELECT seq, repo, 1 FROM audit_events WHERE repo IS NOT NULL ORDER BY seq;
  `,
};
