import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { BumpDecision } from '../versioning/bump.js';
import { changeLabel } from './evidence.js';
import { noteKey } from './notes-section.js';

// `type(scope)!: ` as any tool may read it.
export const TYPE_PREFIX = /^[\w-]+(?:\([^)]*\))?!?: */;

/** How a commit of the range explains a shipped entry Release Desk does not list. */
type Origin =
  | { kind: 'non-conventional' }
  | { kind: 'type'; label: string }
  | { kind: 'reverted' }
  | { kind: 'breaking-note' }
  | { kind: 'released-on-line' }
  | { kind: 'outside-paths' };

/** Every key a commit of the range can be listed under, with why Release Desk leaves it out. */
export function origins(
  commits: CommitRecord[],
  decision: BumpDecision,
  policy: VersioningPolicy,
  releasedOnLine: CommitRecord[],
  outsidePaths: CommitRecord[],
) {
  const cancelled = new Set<string>();
  for (const { sha, by } of decision.cancelled) cancelled.add(sha).add(by);
  const byKey = new Map<string, Origin>();
  for (const commit of outsidePaths) {
    for (const change of commit.changes) byKey.set(noteKey(change.subject), { kind: 'outside-paths' });
  }
  for (const commit of releasedOnLine) {
    for (const change of commit.changes) byKey.set(noteKey(change.subject), { kind: 'released-on-line' });
  }
  for (const commit of commits) {
    const header = commit.message.split('\n', 1)[0]!;
    if (cancelled.has(commit.sha)) {
      for (const change of commit.changes) byKey.set(noteKey(change.subject), { kind: 'reverted' });
      continue;
    }
    let conventional = false;
    for (const change of commit.changes) {
      if (!change.conventional || change.type === null) continue;
      conventional = true;
      for (const note of change.notes) byKey.set(noteKey(note.text), { kind: 'breaking-note' });
      if (!Object.hasOwn(policy.sections, change.type)) {
        byKey.set(noteKey(change.subject), { kind: 'type', label: changeLabel(change) });
      }
    }
    // A shipped list shows a non-conventional (or merge) commit by its first line, without
    // what another tool read as its type and scope (`fix(@scope/pkg): …`).
    if (!conventional || commit.parents.length > 1) {
      byKey.set(noteKey(header), { kind: 'non-conventional' });
      byKey.set(noteKey(header.replace(TYPE_PREFIX, '')), { kind: 'non-conventional' });
    }
  }
  return byKey;
}
