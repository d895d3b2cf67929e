import type { Db } from '../store/database.js';
import { reconcileTrains } from '../trains/train-store.js';
import type { ProjectedTrain } from '../trains/train-store.js';
import { text, workEvents } from './adopt-events.js';
import type { WorkEvent } from './adopt-events.js';

const TRAIN_ACTIONS = [
  'train.cut',
  'train.frozen',
  'train.approved',
  'train.no-go',
  'train.shipped',
  'train.cancelled',
];

/** `v` of `v1.2.0`: the tag prefix a tag was made with. */
function prefixOf(tag: string | null): string | null {
  const match = tag === null ? null : /^(.*?)\d+\.\d+\.\d+(?:[-+].*)?$/.exec(tag);
  return match ? match[1]! : null;
}

function cut(event: WorkEvent): ProjectedTrain | null {
  const d = event.details;
  const version = text(d.version);
  const branch = text(d.branch);
  const sha = text(d.sha);
  if (!event.subject || !version || !branch || !sha) return null;
  const previousTag = text(d.previousTag);
  return {
    name: event.subject,
    state: 'cut',
    version,
    branch,
    // Cuts recorded before the event named its tag: the prefix of the release before it.
    tag: text(d.tag) ?? `${prefixOf(previousTag) ?? 'v'}${version}`,
    tagKnown: text(d.tag) !== null,
    cutSha: sha,
    previousTag,
    scheduledShip: text(d.scheduledShip),
    cutAt: event.at,
    cutBy: event.actor,
    frozenAt: null,
    shippedAt: null,
    shippedSha: null,
    cancelledAt: null,
    cancelReason: null,
    decisions: [],
  };
}

/** Applies one event after the cut to the train it names; what its state no longer allows is ignored. */
function apply(train: ProjectedTrain, event: WorkEvent): void {
  const open = train.state === 'cut' || train.state === 'frozen';
  if (!open) return;
  const d = event.details;
  switch (event.action) {
    case 'train.frozen':
      if (train.state === 'cut') Object.assign(train, { state: 'frozen', frozenAt: event.at });
      break;
    case 'train.approved':
    case 'train.no-go': {
      const sha = text(d.sha);
      if (sha === null) break;
      train.decisions.push({
        actor: event.actor,
        decision: event.action === 'train.approved' ? 'go' : 'no-go',
        comment: text(d.comment),
        sha,
        at: event.at,
      });
      break;
    }
    case 'train.shipped': {
      const sha = text(d.sha);
      if (sha !== null) Object.assign(train, { state: 'shipped', shippedAt: event.at, shippedSha: sha });
      break;
    }
    case 'train.cancelled':
      Object.assign(train, { state: 'cancelled', cancelledAt: event.at, cancelReason: text(d.reason) });
      break;
  }
}

/**
 * The trains of `root` as the events say, in the order they were cut. A cut while another train
 * is open (two clones cut before sharing) is ignored: one train at a time, the first one wins.
 */
export function projectTrains(events: WorkEvent[]): ProjectedTrain[] {
  const trains: ProjectedTrain[] = [];
  for (const event of events) {
    if (event.action === 'train.cut') {
      const next = cut(event);
      const busy = trains.some((t) => t.state === 'cut' || t.state === 'frozen');
      if (next && !busy) trains.push(next);
      continue;
    }
    const train = trains.findLast((t) => t.name === event.subject);
    if (train) apply(train, event);
  }
  return trains;
}

/**
 * The `trains` and `train_decisions` rows of `root` made to say what the events say: a train
 * cut, frozen or shipped in another clone arrives with a sync, and a row edited or deleted here
 * is put back at the next refresh. A pure projection, not adopt-once: adopting only what is
 * missing would leave an edited row standing as a second truth. With `write` false it only
 * looks; returns whether the rows differ(ed). Call inside a write transaction to write.
 */
export function adoptTrains(db: Db, root: string, write: boolean): boolean {
  return reconcileTrains(db, root, projectTrains(workEvents(db, root, TRAIN_ACTIONS)), write);
}
