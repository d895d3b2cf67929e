import type { ProgressEvent } from '../../shared/domain/progress.js';
import type { AuditLog } from './audit/audit-log.js';
import { CommitCacheStore } from './commits/commit-cache-store.js';
import { committerIdentity, formatIdentity } from './git/identity.js';
import { shareAfterActions } from './ledger/auto-share.js';
import { LedgerOutbox } from './ledger/outbox.js';
import { SharedAuditLog } from './ledger/shared-audit-log.js';
import type { Db } from './store/database.js';

/**
 * Everything a core action needs from its surroundings, passed in rather than reached for, so
 * tests can give a real database with a fixed clock and a chosen identity.
 */
export interface Core {
  db: Db;
  /** Parsed commits by SHA, in their own file beside `db`. */
  commitCache: CommitCacheStore;
  audit: AuditLog;
  /** Audit events on their way to each repository's shared ledger (`refs/release-desk/ledger`). */
  ledger: LedgerOutbox;
  now: () => Date;
  /** Environment for git calls made on the user's behalf (identity, signing). */
  gitEnv: NodeJS.ProcessEnv;
  progress: (event: ProgressEvent) => void;
}

export interface CoreOptions {
  now?: () => Date;
  gitEnv?: NodeJS.ProcessEnv;
  progress?: (event: ProgressEvent) => void;
  /** The app's faces (desktop, browser mode): sync the ledger in the background after every action. */
  shareAfterActions?: boolean;
}

export function createCore(db: Db, options: CoreOptions = {}): Core {
  const now = options.now ?? (() => new Date());
  const gitEnv = options.gitEnv ?? {};
  const progress = options.progress ?? (() => undefined);
  // A failed append is reported, never fatal: the event stays queued in the database.
  const ledger = new LedgerOutbox(db, gitEnv, (failure) =>
    progress({
      job: 'ledger',
      kind: 'ledger',
      message: `${failure.events} event(s) not yet in the ledger: ${failure.error}`,
      done: null,
      total: null,
      finished: true,
    }),
  );
  const core: Core = {
    db,
    commitCache: CommitCacheStore.besideState(db),
    audit: new SharedAuditLog(db, now, ledger),
    ledger,
    now,
    gitEnv,
    progress,
  };
  if (options.shareAfterActions) shareAfterActions(core);
  return core;
}

/** Closes the state database and the commit cache, once the cache's writes have ended. */
export async function closeCore(core: Core): Promise<void> {
  try {
    await core.ledger.settle();
    await core.commitCache.flush();
  } finally {
    core.commitCache.close();
    core.db.close();
  }
}

/** The acting person for an action in `repo`: git's committer identity there. */
export async function actorIn(core: Core, repo: string): Promise<string> {
  return formatIdentity(await committerIdentity(repo, core.gitEnv));
}
