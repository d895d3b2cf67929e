/** A SemVer bump level a change can cause. */
export type BumpLevel = 'major' | 'minor' | 'patch';

/** A `BREAKING CHANGE` (or `BREAKING-CHANGE`) note, or the header's `!` with its subject. */
export interface BreakingNote {
  text: string;
}

/** What a `revert:` / `Revert "…"` commit says it reverts. */
export interface RevertTarget {
  /** The reverted commit's header, e.g. `feat(api): add x`. */
  header: string | null;
  /** The reverted commit's SHA from "This reverts commit <sha>." when present. */
  sha: string | null;
}

/**
 * One logical change. A plain commit is one change; a squash-merge body can hold several
 * (each `* fix: …` line or conventional header after a blank line adds one).
 */
export interface ParsedChange {
  /** Lower-cased Conventional Commit type, or null when the header is not conventional. */
  type: string | null;
  scope: string | null;
  subject: string;
  header: string;
  body: string | null;
  breaking: boolean;
  notes: BreakingNote[];
  /** References as written: `#123`, `GH-123`, `owner/repo#123`. */
  references: string[];
  /** Value of a `Release-As:` footer, if any. */
  releaseAs: string | null;
  revert: RevertTarget | null;
  conventional: boolean;
}

/** A git commit with its parsed changes. */
export interface CommitRecord {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Committer date, ISO 8601. */
  date: string;
  message: string;
  changes: ParsedChange[];
}
