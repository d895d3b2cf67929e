import { setTimeout as sleep } from 'node:timers/promises';
import { DeskError } from '../errors.js';
import { compareAndSwapRef, LEDGER_REF, readRef, writeLedgerCommit } from '../git/ledger-refs.js';
import { encodeEvent } from './event.js';
import type { LedgerEvent } from './event.js';

export interface PendingEntry {
  event: LedgerEvent;
  sign: boolean;
}

const MAX_ATTEMPTS = 40;

/** `Name <email>` split for git's identity variables; anything else is used as the name. */
function identityEnv(actor: string, at: string): NodeJS.ProcessEnv {
  const match = /^(.*?)\s*<([^>]*)>$/.exec(actor);
  const name = (match ? match[1] : actor) || 'Release Desk';
  const email = match ? match[2]! : '';
  const date = `${Math.floor(Date.parse(at) / 1000)} +0000`;
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  };
}

/**
 * Appends `entries` in order, one commit each, on top of the ledger's head, then moves the ref
 * with compare-and-swap. When another writer moved it first, the chain is rebuilt on the new
 * head and tried again, so concurrent writers never lose an event. Returns the new head.
 */
export async function appendToLedger(
  repo: string,
  entries: PendingEntry[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  if (entries.length === 0) throw new DeskError('invalid-input', 'Nothing to append to the ledger.');
  for (let attempt = 1; ; attempt += 1) {
    const head = await readRef(repo, LEDGER_REF);
    let tip = head;
    for (const { event, sign } of entries) {
      tip = await writeLedgerCommit(repo, {
        message: encodeEvent(event),
        parents: tip ? [tip] : [],
        sign,
        env: { ...env, ...identityEnv(event.actor, event.at) },
      });
    }
    if (await compareAndSwapRef(repo, LEDGER_REF, tip!, head)) return tip!;
    if (attempt >= MAX_ATTEMPTS) {
      throw new DeskError(
        'conflict',
        `The ledger kept moving: ${entries.length} event(s) not appended after ${attempt} tries.`,
      );
    }
    // Another writer holds or moved the ref: back off a little, at random, and rebuild on its head.
    await sleep(5 + Math.floor(Math.random() * 20 * Math.min(attempt, 5)));
  }
}
