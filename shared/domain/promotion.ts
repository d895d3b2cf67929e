import type { AuditEvent, AuditVerification } from './audit.js';
import type { GateKind } from './policy.js';

/**
 * `pending`: waiting on gates (people, time, a check not yet run). `in-progress`: a check or the
 * deploy is running right now. The last four are final.
 */
export type PromotionState = 'pending' | 'in-progress' | 'succeeded' | 'failed' | 'rejected' | 'rolled-back';

export type GateState = 'passed' | 'failed' | 'waiting' | 'skipped';

/** One release (version + exact commit) moving into one environment. */
export interface Promotion {
  /** Readable and unique per repository, e.g. `v1.2.0@production#1` (the `#n` counts attempts). */
  id: string;
  version: string;
  tag: string;
  /** The peeled commit of the release tag: the only commit this promotion can deploy. */
  sha: string;
  environment: string;
  attempt: number;
  state: PromotionState;
  /** `Name <email>` of whoever started it. */
  requestedBy: string;
  /** Email of the release tag's tagger (null for a lightweight tag). */
  releaseCreator: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** A rollback: an earlier release promoted again to replace `replaces`. */
  rollback: boolean;
  replaces: string | null;
  /** The tag of the release a rollback replaces (for plain words: "back to v1.0.0 from v1.1.0"). */
  replacesVersion: string | null;
  /** Hotfix path (`Release-Desk-Path: hotfix` in the tag message): the environment's hotfix skips apply. */
  fastTrack: boolean;
  /** sha256 of the environment policy this promotion started with (it keeps that policy). */
  policyHash: string;
  /** The repository's policy for this environment changed since the promotion started. */
  policyChanged: boolean;
  /** Why it failed or was rejected, in plain words. */
  failure: string | null;
  /** `signer`: who signed the override in the shared ledger (null unsigned; absent until it is there). */
  windowOverride: { by: string; at: string; reason: string; signer?: string | null } | null;
}

/** Whether the current identity may do something, and why not. */
export interface ActionPermission {
  allowed: boolean;
  reason?: string;
}

export interface ApprovalRecord {
  /** The approver's email (what the policy lists). */
  approver: string;
  /** `Name <email>` as git reported it. */
  actor: string;
  decision: 'approved' | 'rejected';
  at: string;
  comment: string | null;
  /** The commit the decision was made for. */
  sha: string;
  /** Who signed it, as the allowed-signers list names them; null when unsigned or not verified. */
  signer?: string | null;
  /** Whether it counts toward this promotion now (false when lapsed or for another commit). */
  counts: boolean;
  /** Why it does not count, when it does not. */
  note?: string;
}

export interface ChecklistTick {
  by: string;
  at: string;
  note: string | null;
  /** Who signed the tick in the shared ledger; null when unsigned; absent until the ledger holds it. */
  signer?: string | null;
}

export type CommandRunState = 'running' | 'passed' | 'failed' | 'timed-out' | 'interrupted';

/** One run of a check gate's command or of the deploy command. */
export interface CommandRun {
  state: CommandRunState;
  command: string;
  exitCode: number | null;
  /** stdout and stderr interleaved as they arrived (the last 1 MB). */
  output: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface GateStatus {
  kind: GateKind;
  name: string;
  state: GateState;
  /** What it waits for or why it failed, e.g. "1 of 2 approvals — waiting on bob@example.com or carol@example.com". */
  detail: string;
  /** Approval gates: every decision recorded for this environment and release. */
  approvals?: ApprovalRecord[];
  /** Checklist gates: who ticked it. */
  tick?: ChecklistTick;
  /** Check gates: the latest run's output. */
  output?: string;
  run?: CommandRun;
  /** For the current identity: may I tick (checklist) / approve (approval) / override (window)? */
  canAct?: ActionPermission;
  /** Soak and window gates: when the gate opens, ISO 8601. */
  opensAt?: string;
}

/** Everything the promotion page shows for one release and one environment. */
export interface PromotionDetail {
  version: string;
  tag: string;
  sha: string;
  environment: string;
  /** The latest promotion of this release into this environment; null when never started. */
  promotion: Promotion | null;
  /** The gates as they stand (a preview from the current policy when `promotion` is null). */
  gates: GateStatus[];
  deploy: CommandRun | null;
  /** Whether Promote (start or resume) is possible now for this release and environment. */
  canPromote: ActionPermission;
  /** The current identity, `Name <email>`; null when git has none. */
  actor: string | null;
  /**
   * A release older than the one live in the environment: promoting it needs a reason. `from` is
   * the live tag; `reason` is what was recorded when the promotion started (null before).
   */
  downgrade: { from: string; reason: string | null } | null;
  /**
   * What the action did beyond its own record, in plain words: set when it finished the
   * promotion (e.g. "All gates passed — deployed v2.1.0 to staging"), or found it finished already.
   */
  finished?: string;
  /** Set while the working tree's `.release-desk.yml` differs from HEAD's: promotions use HEAD's until it is committed. */
  policyNote?: string;
  /** An open promotion that only time holds back: when it finishes by itself, and why then. */
  finishesAt?: TimeFinish | null;
}

/** The moment time alone lets a promotion finish (the last soak ends or window opens). */
export interface TimeFinish {
  at: string;
  /** The gate that opens last. */
  gate: string;
  /** In words: "the soak ends", "the window opens". */
  reason: string;
}

export interface EnvironmentColumn {
  name: string;
  /** The release live in this environment (latest succeeded promotion). */
  current: { version: string; tag: string; sha: string; promotedAt: string; promotionId: string } | null;
  /** The release on its way in (the newest open promotion), if any. */
  incoming: Promotion | null;
  /** Every open promotion into this environment, newest first (more than one can be open). */
  open: OpenPromotion[];
  /** What a rollback would return to: the release live before the current one; null when none. */
  rollbackTo: { version: string; tag: string } | null;
}

/** An open promotion with how far its gates are (for the pipeline's progress bar). */
export interface OpenPromotion extends Promotion {
  gatesPassed: number;
  gatesTotal: number;
  /** Held back only by time: when it finishes by itself (what its page's `finishesAt` says). */
  finishesAt: TimeFinish | null;
}

/** A release as promotion sees it: a SemVer tag with the policy's prefix, pinned to one commit. */
export interface PromotableRelease {
  version: string;
  tag: string;
  /** The commit the tag points at (peeled): the only commit that can be promoted. */
  sha: string;
  /** Tagger email (lower-cased); null for a lightweight tag. */
  createdBy: string | null;
  createdAt: string | null;
  /** The hotfix path marks its annotated tag with a `Release-Desk-Path: hotfix` trailer line. */
  fastTrack: boolean;
}

/** A release tag that can be promoted, and where it has been. */
export interface ReleaseCandidate extends PromotableRelease {
  /** One entry per environment, in order: the state of its latest promotion there, null if none. */
  environments: { name: string; state: PromotionState | null }[];
  /** The environments where it is live now (a succeeded promotion may since have been replaced). */
  liveIn: string[];
  /** The first environment it may enter next (its predecessor succeeded), null when none. */
  next: string | null;
}

export interface PromotionBoard {
  environments: EnvironmentColumn[];
  /** Newest first. */
  releases: ReleaseCandidate[];
}

/** A promotion waiting on the current identity (for notifications). */
export interface WaitingItem {
  promotionId: string;
  version: string;
  environment: string;
  kind: 'approval' | 'checklist';
  gate: string;
  detail: string;
}

/** `release-desk evidence --format json`: everything about one release. */
export interface ReleaseEvidence extends PromotableRelease {
  generatedAt: string;
  /** The release's commits since the previous release, newest first. */
  commits: { sha: string; subject: string; author: string; date: string }[];
  /** The release's changelog section, Markdown. */
  changelog: string;
  promotions: {
    promotion: Promotion;
    gates: GateStatus[];
    checkRuns: (CommandRun & { gate: string })[];
    deploy: CommandRun | null;
  }[];
  audit: { events: AuditEvent[]; verification: AuditVerification };
}
