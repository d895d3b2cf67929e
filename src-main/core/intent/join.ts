import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import type { Intent, IntentAction, IntentRow } from './intent-store.js';
import { beginIntent, ownerOf } from './intent-store.js';
import { ownerAlive } from './owner.js';

const POLL_MS = 200;

/**
 * Begins the intent, or, while another live process holds its lock, waits for that one to end
 * first (joining it: its outcome is this run's too). Returns whether it waited.
 */
export async function joinOrBegin<P>(
  core: Core,
  entry: { repo: string; action: IntentAction; subject: string; lockKey: string; plan: P },
): Promise<{ intent: Intent<P>; joined: boolean }> {
  let joined = false;
  for (;;) {
    const holder = core.db
      .prepare(`SELECT * FROM intents WHERE lock_key = ? AND state = 'running'`)
      .get(entry.lockKey) as IntentRow | undefined;
    if (holder === undefined || !ownerAlive(ownerOf(holder))) {
      try {
        return { intent: beginIntent(core, entry), joined };
      } catch (error) {
        // Another process began in between: wait for it like for any holder.
        if (!(error instanceof DeskError && error.code === 'conflict')) throw error;
        if (holder !== undefined) throw error;
      }
    }
    joined = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
