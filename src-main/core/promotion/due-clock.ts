import type { Core } from '../context.js';
import { finishDuePromotions } from './due.js';
import { reposWithOpenPromotions } from './store.js';

/** Checked again at least this often, so a clock change or a sleeping laptop is caught up. */
const MAX_WAIT_MS = 60 * 60_000;
/** After a call, wait this long for the next one before looking again (a page makes several). */
const SETTLE_MS = 500;
/** A soak that ends at 14:05:00.000 is read a moment later, so it has ended when it is read. */
const SLACK_MS = 100;

export interface DueClock {
  /** Look again soon (after an action: a new promotion may have a soak, a sync may bring an approval). */
  recheck: () => void;
  stop: () => void;
}

/**
 * The running app's timer for promotions that only time holds back: it finishes each one when
 * its soak ends or its window opens (deploy per policy), tells the pages through the progress
 * stream, and sleeps until the next such moment. It keeps nothing: on start it reads what is open.
 */
export function startDueClock(core: Core, log: (line: string) => void): DueClock {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  function schedule(ms: number): void {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void pass(), Math.max(0, Math.min(ms, MAX_WAIT_MS)));
    // The clock never keeps a process alive on its own.
    timer.unref();
  }

  async function pass(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    let nextAt: number | null = null;
    try {
      for (const repo of reposWithOpenPromotions(core.db)) {
        try {
          const result = await finishDuePromotions(core, repo);
          for (const detail of result.finished)
            announce(detail.promotion?.id ?? detail.tag, detail.finished!);
          if (result.nextAt !== null && (nextAt === null || result.nextAt < nextAt)) nextAt = result.nextAt;
        } catch (error) {
          log(`Release Desk could not finish the due promotions of ${repo}: ${messageOf(error)}`);
        }
      }
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule(0);
    } else {
      schedule(nextAt === null ? MAX_WAIT_MS : nextAt - core.now().getTime() + SLACK_MS);
    }
  }

  function announce(promotionId: string, message: string): void {
    core.progress({
      job: `finished:${promotionId}`,
      kind: 'promotion',
      message,
      done: null,
      total: null,
      finished: true,
    });
  }

  schedule(0);
  return {
    recheck: () => {
      // A pass under way may have read the open promotions before this action: look once more after it.
      if (running) again = true;
      else schedule(SETTLE_MS);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
