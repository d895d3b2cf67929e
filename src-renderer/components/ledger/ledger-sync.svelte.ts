import type { LedgerStatus } from '../../../shared/domain/ledger.js';
import { call, errorMessage } from '../../lib/api-client.js';
import { session } from '../../lib/session.svelte.js';

/**
 * The open repository's ledger against its remote, shared by the header's status and Sync button.
 * A sync that brought events from others reloads every screen (once: that reload's own sync
 * is skipped, so the two never chase each other).
 */
class LedgerSync {
  status = $state<LedgerStatus | null>(null);
  syncing = $state(false);
  /** The running sync's latest step, from its progress events. */
  progress = $state<string | null>(null);
  /** Why the status could not be read at all. */
  error = $state<string | null>(null);
  #skipNext = false;

  /** Reads the status (no network). */
  async load(path: string): Promise<void> {
    try {
      const status = await call('ledger.status', { path });
      if (session.repo?.path === path) {
        this.status = status;
        this.error = null;
      }
    } catch (error) {
      if (session.repo?.path === path) this.error = errorMessage(error);
    }
  }

  /** Syncs with the remote, then reads the status; a failure is what the status then shows. */
  async sync(path: string): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    let fetched = 0;
    try {
      if (this.status?.remote !== null) fetched = (await call('ledger.sync', { path })).fetched;
    } catch {
      // Offline or rejected: ledger.status says which, and why.
    } finally {
      this.syncing = false;
      this.progress = null;
    }
    await this.load(path);
    if (fetched > 0 && session.repo?.path === path) {
      this.#skipNext = true;
      session.revision += 1;
    }
  }

  /** On open and refresh: sync, unless this refresh was the one a sync asked for. */
  async onRevision(path: string): Promise<void> {
    if (this.#skipNext) {
      this.#skipNext = false;
      await this.load(path);
      return;
    }
    await this.load(path);
    await this.sync(path);
  }

  reset(): void {
    this.status = null;
    this.error = null;
    this.progress = null;
  }
}

export const ledgerSync = new LedgerSync();
