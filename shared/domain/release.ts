import type { BumpLevel } from './commits.js';

/** A commit as the Release screen lists it. */
export interface CommitSummary {
  sha: string;
  shortSha: string;
  type: string | null;
  scope: string | null;
  subject: string;
  breaking: boolean;
  author: string;
  date: string;
  references: string[];
  /** Link to the commit on the remote's web UI, when the remote is a known host. */
  url: string | null;
}

/**
 * A change the Release screen lists: a commit, or one of the changes its squash-merge body
 * lists (`* feat: …`), so one SHA can appear several times in a plan.
 */
export interface ReleaseEntry extends CommitSummary {
  /** `<sha>:<n>`, n the change's index within its commit (0: its own header); unique in a plan. */
  key: string;
}

/** Why the next version is what it is: one entry per change that forced a bump. */
export interface BumpReasonView {
  sha: string;
  type: string;
  scope: string | null;
  subject: string;
  breaking: boolean;
  bump: BumpLevel;
}

/** The changelog as data (`release-desk changelog --format json`). */
export interface ChangelogDocument {
  version: string | null;
  date: string;
  sections: {
    type: string;
    title: string;
    entries: {
      sha: string;
      scope: string | null;
      subject: string;
      breaking: boolean;
      references: string[];
    }[];
  }[];
  breaking: { sha: string; scope: string | null; text: string }[];
  /** Authors of the range's commits, most commits first (not part of the CLI's JSON). */
  contributors?: { name: string; email: string; commits: number }[];
}

export interface ReleasePlanView {
  current: string | null;
  next: string | null;
  bump: BumpLevel | 'none';
  /** The ref the range starts from (previous release tag), null for the whole history. */
  from: string | null;
  /** Full SHA the range ends at. */
  to: string;
  tagName: string | null;
  commitCount: number;
  reasons: BumpReasonView[];
  /** Conventional commits grouped by type, in changelog order. */
  groups: { type: string; title: string; commits: ReleaseEntry[] }[];
  nonConventional: ReleaseEntry[];
  /** Commits cancelled by a revert in the same range. */
  cancelled: { sha: string; by: string }[];
  changelog: string;
  warnings: string[];
  /** Why this plan cannot be released as it stands (its tag exists already), or null. */
  blocked: string | null;
  /** The newest release when it is a prerelease (bumps then count from the last stable one), else null. */
  latestPrerelease: string | null;
  /** Prerelease channels the repository has open (its unreleased prereleases' `next`, `rc`…), highest first. */
  channels: string[];
  /** The channel `--prerelease` continues `latestPrerelease` with, while its line is open; else null. */
  continued: string | null;
}

export interface ReleaseOutcome {
  version: string;
  tag: string;
  sha: string | null;
  dryRun: boolean;
  pushed: boolean;
  /** Repository paths written (version files, CHANGELOG.md). */
  files: string[];
  commitMessage: string;
  /** What happened (or would happen, for a dry run), in order, in plain words. */
  steps: string[];
}
