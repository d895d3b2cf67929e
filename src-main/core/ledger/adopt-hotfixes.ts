import type { CarryResult } from '../../../shared/domain/hotfix.js';
import { reconcileHotfixes } from '../hotfix/hotfix-store.js';
import type { ProjectedHotfix } from '../hotfix/hotfix-store.js';
import type { Db } from '../store/database.js';
import { text, workEvents } from './adopt-events.js';
import type { WorkEvent } from './adopt-events.js';

const HOTFIX_ACTIONS = ['hotfix.started', 'hotfix.finished', 'hotfix.aborted', 'hotfix.carried'];
const CARRY_STATUSES: ReadonlySet<string> = new Set(['applied', 'already-contained', 'conflict']);

function started(event: WorkEvent): ProjectedHotfix | null {
  const d = event.details;
  const baseTag = text(d.baseTag);
  const baseSha = text(d.sha);
  const version = text(d.version);
  const returnTo = text(d.returnTo);
  if (!event.subject || !baseTag || !baseSha || !version || !returnTo) return null;
  // Starts recorded before the event named them: the version and prefix read from the base tag.
  const baseVersion = text(d.baseVersion) ?? /\d+\.\d+\.\d+(?:[-+].*)?$/.exec(baseTag)?.[0];
  if (!baseVersion) return null;
  return {
    baseTag,
    baseVersion,
    baseSha,
    branch: event.subject,
    version,
    tag: text(d.tag) ?? `${baseTag.slice(0, baseTag.length - baseVersion.length)}${version}`,
    state: 'started',
    returnTo,
    startedBy: event.actor,
    startedAt: event.at,
    finishedAt: null,
    releaseSha: null,
    carried: [],
  };
}

function carryOf(value: unknown): CarryResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  const branch = text(c.branch);
  const status = text(c.status);
  if (!branch || !status || !CARRY_STATUSES.has(status)) return null;
  const files = Array.isArray(c.files) ? c.files.filter((f): f is string => typeof f === 'string') : [];
  return {
    branch,
    sha: text(c.sha),
    status: status as CarryResult['status'],
    detail: text(c.detail) ?? '',
    files,
  };
}

/**
 * The hotfixes of `root` as the events say, in the order they were started. A start while
 * another hotfix is in progress (two clones started before sharing) is ignored: the first wins.
 */
export function projectHotfixes(events: WorkEvent[]): ProjectedHotfix[] {
  const hotfixes: ProjectedHotfix[] = [];
  // Finishes whose event lists what was carried; older ones gather their `hotfix.carried` events.
  const listed = new Set<ProjectedHotfix>();
  for (const event of events) {
    const d = event.details;
    if (event.action === 'hotfix.started') {
      const next = started(event);
      if (next && !hotfixes.some((h) => h.state === 'started')) hotfixes.push(next);
      continue;
    }
    if (event.action === 'hotfix.carried') {
      const hotfix = hotfixes.findLast((h) => h.state === 'finished' && h.tag === event.subject);
      const carry = carryOf(d);
      if (hotfix && carry && !listed.has(hotfix)) hotfix.carried.push(carry);
      continue;
    }
    const hotfix = hotfixes.findLast((h) => h.branch === event.subject);
    if (!hotfix || hotfix.state !== 'started') continue;
    if (event.action === 'hotfix.aborted') Object.assign(hotfix, { state: 'aborted', finishedAt: event.at });
    if (event.action === 'hotfix.finished') {
      const sha = text(d.sha);
      if (!sha) continue;
      Object.assign(hotfix, {
        state: 'finished',
        finishedAt: event.at,
        version: text(d.version) ?? hotfix.version,
        tag: text(d.tag) ?? hotfix.tag,
        releaseSha: sha,
      });
      if (Array.isArray(d.carried)) {
        hotfix.carried = d.carried.map(carryOf).filter((c): c is CarryResult => c !== null);
        listed.add(hotfix);
      }
    }
  }
  return hotfixes;
}

/**
 * The `hotfixes` rows of `root` made to say what the events say: a pure projection (rows are
 * rewritten, never trusted), so a hotfix started or finished in another clone arrives with a
 * sync, and a row edited or deleted here is put back at the next refresh. With `write` false it
 * only looks; returns whether the rows differ(ed). Call inside a write transaction to write.
 */
export function adoptHotfixes(db: Db, root: string, write: boolean): boolean {
  return reconcileHotfixes(db, root, projectHotfixes(workEvents(db, root, HOTFIX_ACTIONS)), write);
}
