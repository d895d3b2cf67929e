import type { BumpLevel } from './commits.js';

/** The repository's `.release-desk.yml`, after validation and defaults. */
export interface Policy {
  versioning: VersioningPolicy;
  changelog: ChangelogPolicy;
  trains: TrainPolicy;
  environments: EnvironmentPolicy[];
  deploy: DeployPolicy | null;
  approvals: ApprovalsPolicy;
}

export interface ApprovalsPolicy {
  /** Only signed decisions by allowed signers count; null: true exactly when `.release-desk/allowed_signers` exists. */
  requireSigned: boolean | null;
}

export interface VersioningPolicy {
  /** Prefix of release tags, default `v`. */
  tagPrefix: string;
  /**
   * Prefixes the project tagged its releases with before (`""`: bare versions like `18.2.0`):
   * their tags are releases too, new ones are made with `tagPrefix`. Default empty.
   */
  olderTagPrefixes: string[];
  /** Before 1.0.0 a breaking change bumps minor (default true); false → breaking gives 1.0.0. */
  preMajor: boolean;
  /** Commit type → bump. Types not listed cause no release. */
  types: Record<string, BumpLevel | 'none'>;
  /** Commit type → changelog section title; types not listed are left out of the changelog. */
  sections: Record<string, string>;
  /** Extra files whose version is rewritten on release (package.json and its lockfile are always handled). */
  files: VersionFile[];
  /** Version of the first release when a repo has no release tag: `0.1.0` (default) or `1.0.0`. */
  initialVersion: string;
  /**
   * Only commits that change one of these paths count (one package of a monorepo, with its own
   * `tagPrefix`); empty (the default): every commit.
   */
  paths: string[];
}

export interface ChangelogPolicy {
  /**
   * A stable release's notes cover everything since the previous stable release, its
   * prereleases' changes included (default true); false: only what came after its last prerelease.
   */
  rollUpPrereleases: boolean;
}

export interface VersionFile {
  path: string;
  /** The text around the version with `{version}` where it stands, or a regular expression whose first group is the version. */
  pattern: string;
}

export interface TrainCadence {
  /** Interval in days (`2w` → 14, `7d` → 7). */
  everyDays: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** `HH:MM` local to timezone. */
  at: string;
  /** IANA time zone. */
  timezone: string;
  /** `YYYY-MM-DD`, the first ship date of the cadence. */
  start: string;
}

export interface TrainPolicy {
  cadence: TrainCadence | null;
  /** Code freeze this many milliseconds before ship. */
  freezeBeforeMs: number;
  /** Branch name template, `{major}` and `{minor}` are replaced. */
  branch: string;
  goNoGo: { approvals: number };
  /** Types that may be picked onto a frozen train. */
  freezeAllows: string[];
}

export type GatePolicy =
  | { kind: 'check'; name: string; run: string; timeoutMs: number }
  | { kind: 'checklist'; name: string }
  | {
      kind: 'approval';
      name: string;
      required: number;
      /** Emails, already expanded from groups. */
      approvers: string[];
      allowSelf: boolean;
      /** Null means approvals never lapse. */
      expiresMs: number | null;
    }
  | { kind: 'soak'; name: string; in: string; forMs: number }
  | {
      kind: 'window';
      name: string;
      deny: string[];
      allow: string[];
      timezone: string;
    };

export type GateKind = GatePolicy['kind'];

export interface EnvironmentPolicy {
  name: string;
  gates: GatePolicy[];
  /** Gate kinds skipped for hotfix releases (never `approval`). */
  hotfixSkip: GateKind[];
  /** Gate kinds a rollback checks again (`rollback.recheck`); absent: check, soak and window. */
  rollbackRecheck?: GateKind[];
  deploy: DeployPolicy | null;
}

export interface DeployPolicy {
  /** Command template; `{environment}`, `{version}` and `{sha}` are replaced. */
  run: string;
  timeoutMs: number;
}
