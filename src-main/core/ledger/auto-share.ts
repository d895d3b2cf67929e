import type { Core } from '../context.js';
import { syncLedger } from './sync.js';

/**
 * The app shares every action as it happens: once events land in a repository's ledger, a sync
 * runs in the background (one at a time per repository; events landing meanwhile get one more).
 * A remote that cannot be reached leaves the events here, and the sync status says so.
 */
export function shareAfterActions(core: Core): void {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const share = (repo: string): void => {
    if (running.has(repo)) {
      again.add(repo);
      return;
    }
    const job = syncLedger(core, repo)
      .then(() => undefined)
      // The outcome (offline, rejected) is recorded for the sync status and shown there.
      .catch(() => undefined)
      .finally(() => {
        running.delete(repo);
        if (again.delete(repo) && core.db.open) share(repo);
      });
    running.set(repo, job);
    core.ledger.track(job);
  };
  core.ledger.onAppended = (repo) => {
    // Only when there is somewhere to share to; a repository without remotes stays local.
    if (core.db.open) share(repo);
  };
}
