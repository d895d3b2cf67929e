import type { CommitSummary } from './release.js';

/** planned (from the cadence, not cut yet) → cut → frozen → shipped, or cancelled. */
export type TrainState = 'planned' | 'cut' | 'frozen' | 'shipped' | 'cancelled';

/** A release train: one scheduled minor (or major) release with its own release branch. */
export interface Train {
  /** Database id; 0 for a planned train that exists only in the cadence. */
  id: number;
  /** `train-X.Y.0`, or `planned YYYY-MM-DD` for a cadence slot not cut yet. */
  name: string;
  state: TrainState;
  /** `X.Y.0`, null while planned. */
  version: string | null;
  /** `release/X.Y` (policy template), null while planned. */
  branch: string | null;
  /** The tag it ships (or shipped) as, e.g. `v1.3.0`; null while planned. */
  tag: string | null;
  /** Commit of main the branch was cut at. */
  cutSha: string | null;
  /** Tag of the release before this train (the start of its "on board" range). */
  previousTag: string | null;
  /** The cadence ship date this train serves (ISO instant), null when cut by hand off-cadence. */
  scheduledShip: string | null;
  cutAt: string | null;
  cutBy: string | null;
  frozenAt: string | null;
  shippedAt: string | null;
  /** Commit the ship tag points at. */
  shippedSha: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

/** One commit cherry-picked onto a release branch. */
export interface TrainPick {
  /** The original commit (on main or elsewhere). */
  from: string;
  /** The new commit on the release branch. */
  to: string;
  subject: string;
  type: string | null;
  by: string;
  at: string;
}

/** One person's go / no-go on a train. The latest decision per person counts. */
export interface GoNoGoDecision {
  actor: string;
  decision: 'go' | 'no-go';
  comment: string | null;
  at: string;
  /** Head of the release branch when decided; a "go" lapses when the branch moves. */
  sha: string;
  /** False when the branch has moved since (the decision no longer counts). */
  current: boolean;
  /** Who signed the vote in the shared ledger; null when unsigned; absent until the ledger holds it. */
  signer?: string | null;
  /** Why a go does not count although current (only signed votes count here), in plain words. */
  uncounted?: string;
}

/** The milestones of one train as instants (ISO) and as wall-clock text in the cadence's zone. */
export interface TrainMilestones {
  cut: string;
  freeze: string;
  ship: string;
  /** `YYYY-MM-DD HH:MM` in the cadence's time zone. */
  local: { cut: string; freeze: string; ship: string };
}

/** What the cadence says: the next trains, and the ones that were due but never cut. */
export interface TrainPlan {
  /** Null when `.release-desk.yml` has no `trains.cadence` (trains are then cut by hand). */
  timezone: string | null;
  /** e.g. "every 14 days on Tue at 10:00 (Europe/Berlin), freeze 2d before ship"; null without cadence. */
  cadence: string | null;
  next: TrainMilestones[];
  /** Ship dates whose freeze has passed without a train cut or shipped for them, oldest first. */
  late: { ship: string; local: string }[];
  /** Trains cut so far, newest first (the timeline's past). */
  history: Train[];
  /** Branch template from policy, e.g. `release/{major}.{minor}`. */
  branchTemplate: string;
  approvalsRequired: number;
  freezeAllows: string[];
}

/** The board of the current (most recent) train. */
export interface TrainBoard {
  /** Null when no train was ever cut in this repo; the plan is still filled. */
  train: Train | null;
  /** Commits of main up to the cut since the previous release. */
  onBoard: CommitSummary[];
  /** Commits that landed on main after the cut and were not picked (nor an equivalent of them). */
  missed: CommitSummary[];
  picked: TrainPick[];
  /** What stops the ship, in plain words; empty means ready. */
  blocking: string[];
  decisions: GoNoGoDecision[];
  approvalsRequired: number;
  /** Distinct current "go"s. */
  approvalsGiven: number;
  /** Head of the release branch now, null if the branch is gone. */
  branchHead: string | null;
  plan: TrainPlan;
  /** Who a go/no-go by the caller is recorded under (`Name <email>`); null when git has no identity. */
  actor: string | null;
}

/** A commit offered in the Pick dialog. */
export interface TrainCandidate extends CommitSummary {
  /** False when the train is frozen and the commit's type is not allowed. */
  allowed: boolean;
  /** Why it is not allowed, or null. */
  reason: string | null;
}

export interface TrainCutResult {
  train: Train;
  /** The commit the branch was created at. */
  sha: string;
}

/** A cherry-pick that could not be applied; the target branch was left as it was. */
export interface PickConflict {
  sha: string;
  files: string[];
  message: string;
}

export interface TrainPickOutcome {
  picked: TrainPick[];
  /** Commits not picked because the branch already has them or an equivalent. */
  skipped: { sha: string; reason: string }[];
  /** The pick that conflicted (it and the ones after it were not applied). */
  conflict: PickConflict | null;
}

export interface TrainShipResult {
  train: Train;
  tag: string;
  version: string;
  /** The commit the tag points at. */
  sha: string;
  pushed: boolean;
  /** The changelog section of the release, markdown. */
  changelog: string;
}
