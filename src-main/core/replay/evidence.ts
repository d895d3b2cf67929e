import type { CommitRecord, ParsedChange } from '../../../shared/domain/commits.js';
import type { BumpDecision, BumpReason } from '../versioning/bump.js';

/** `chore(deps)`, `chore(deps-dev)`: dependency updates, which some tools count as fixes. */
export function isDependencyUpdate(change: ParsedChange): boolean {
  return change.type === 'chore' && change.scope !== null && /^deps(?:-dev)?$/.test(change.scope);
}

/** The label a change is counted under: its type, `chore(deps)` apart. */
export function changeLabel(change: ParsedChange): string {
  return isDependencyUpdate(change) ? 'chore(deps)' : change.type!;
}

/** The range's commits that count: no merges, no change cancelled by its revert. */
export function countedCommits(commits: CommitRecord[], decision: BumpDecision): CommitRecord[] {
  const cancelled = new Set<string>();
  for (const { sha, by } of decision.cancelled) cancelled.add(sha).add(by);
  return commits.filter((commit) => commit.parents.length <= 1 && !cancelled.has(commit.sha));
}

/** What a range holds, as evidence: `3 fix, 2 chore(deps), 4 non-conventional`, most first. */
export function describeRange(commits: CommitRecord[], decision: BumpDecision): string {
  const counts = new Map<string, number>();
  const add = (label: string): void => void counts.set(label, (counts.get(label) ?? 0) + 1);
  const counted = countedCommits(commits, decision);
  for (const commit of counted) {
    const conventional = commit.changes.filter((change) => change.conventional && change.type !== null);
    if (conventional.length === 0) add('non-conventional');
    for (const change of conventional) add(change.breaking ? `${changeLabel(change)}!` : changeLabel(change));
  }
  if (counts.size === 0) return 'no commits';
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = parts.slice(0, 5).map(([label, count]) => `${count} ${label}`);
  if (parts.length > 5) shown.push(`${parts.slice(5).reduce((sum, [, n]) => sum + n, 0)} more`);
  return `${counted.length} ${counted.length === 1 ? 'commit' : 'commits'}: ${shown.join(', ')}`;
}

/** How many changes of one kind a range holds (`chore(deps)`, `feat`, …). */
export function countLabel(commits: CommitRecord[], decision: BumpDecision, label: string): number {
  let count = 0;
  for (const commit of countedCommits(commits, decision)) {
    for (const change of commit.changes) {
      if (change.conventional && change.type !== null && changeLabel(change) === label) count++;
    }
  }
  return count;
}

/** A decisive change as people read it: `feat(api)!: drop v1 (3f2c1a9)`, and how many more. */
export function describeReasons(reasons: BumpReason[]): string {
  const [first] = reasons;
  if (!first) return '';
  const scope = first.scope ? `(${first.scope})` : '';
  const text = `\`${first.type}${scope}${first.breaking ? '!' : ''}: ${first.subject}\` (${first.sha.slice(0, 7)})`;
  return reasons.length > 1 ? `${text} and ${reasons.length - 1} more` : text;
}
