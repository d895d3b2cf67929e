import type { CommitSummary } from './release.js';
import type { PickConflict } from './trains.js';

export type HotfixState = 'started' | 'finished' | 'aborted';

export interface HotfixPick {
  /** The original commit. */
  from: string;
  /** The commit on the hotfix branch. */
  to: string;
  subject: string;
}

/** A patch release made from a released tag on its own branch, fast-tracked to production. */
export interface Hotfix {
  id: number;
  /** The released tag it starts from, e.g. `v1.2.3`. */
  baseTag: string;
  baseVersion: string;
  baseSha: string;
  /** `hotfix/X.Y.Z`. */
  branch: string;
  /** The patch version it will ship as (next free patch of the base's line). */
  version: string;
  /** The tag it will be (or was) released as. */
  tag: string;
  state: HotfixState;
  /** Branch (or detached SHA) checked out before `start`; `abort` and `finish` return to it. */
  returnTo: string;
  picks: HotfixPick[];
  /** A cherry-pick stopped on a conflict and waiting for the user (resolve and commit, or abort). */
  conflict: PickConflict | null;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** The commit the release tag points at, once finished. */
  releaseSha: string | null;
  carried: CarryResult[];
}

/** A released version a hotfix can start from. */
export interface HotfixRelease {
  tag: string;
  version: string;
  sha: string;
  /** Tag date, ISO. */
  date: string;
  /** `X.Y.x`. */
  line: string;
  /** Newest release of its line (the usual starting point). */
  latestOfLine: boolean;
}

/** A commit offered in the hotfix wizard. */
export interface HotfixCandidate extends CommitSummary {
  /** Release tags that already contain it (directly or as a cherry-picked equivalent). */
  containedIn: string[];
  /** Already on the current hotfix branch. */
  onHotfix: boolean;
  /** Other commits with the same change (patch-id), e.g. its cherry-picks onto other branches. */
  copies: string[];
}

export interface HotfixPickOutcome {
  hotfix: Hotfix;
  picked: HotfixPick[];
  /** Set when a pick stopped on a conflict: the repo is mid cherry-pick, resolve or abort. */
  conflict: PickConflict | null;
}

/** What `finish` will do: version, changelog and where the fix will be carried. */
export interface HotfixPreview {
  hotfix: Hotfix;
  version: string;
  tag: string;
  changelog: string;
  /** Branches the fix will be carried forward to (main first, then newer release lines). */
  carryTargets: string[];
}

/** One branch the fix was carried forward to. */
export interface CarryResult {
  branch: string;
  /** Head of the branch after carrying, null when nothing was applied. */
  sha: string | null;
  status: 'applied' | 'already-contained' | 'conflict';
  /** Plain words: what was applied, what already contains it, or the conflict and how to resolve it. */
  detail: string;
  /** Files in conflict (only for `conflict`). */
  files: string[];
}

export interface HotfixFinishResult {
  hotfix: Hotfix;
  tag: string;
  version: string;
  /** The commit the tag points at. */
  sha: string;
  changelog: string;
  carried: CarryResult[];
  pushed: boolean;
}

/** "Which releases contain this change?" */
export interface ContainsResult {
  sha: string;
  /** Release tags containing the commit or an equivalent of it, oldest version first. */
  releases: string[];
  /** Active release lines (main and release branches) that do not contain it yet. */
  missing: string[];
  /** How each release contains it. */
  matches: { tag: string; via: 'direct' | 'patch-id' | 'trailer'; sha: string }[];
}
