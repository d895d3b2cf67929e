import type { ChangelogDocument } from './release.js';

/** One end of a comparison: a release named directly, or what is live in an environment. */
export type CompareEnd = { kind: 'release'; version: string } | { kind: 'environment'; environment: string };

/** An end of a comparison resolved to its release. */
export interface ResolvedEnd {
  /** Set when the end was an environment: the release is what is live there now. */
  environment: string | null;
  version: string;
  tag: string;
  sha: string;
}

/** What changed between two releases (or the releases live in two environments). */
export interface ReleaseComparison {
  from: ResolvedEnd;
  to: ResolvedEnd;
  /**
   * `forward`: `to` adds the notes to `from`. `backward`: `to` is behind `from`, the notes are
   * what moving from `from` to `to` would take away. `apart`: on separate lines (a hotfix line
   * and main), the notes are what `to` has and `from` has not, cherry-picked copies left out.
   * `same`: both are one commit.
   */
  direction: 'forward' | 'backward' | 'apart' | 'same';
  /** How the ends relate in a sentence, when it is not plainly "from, then to"; null otherwise. */
  lead: string | null;
  /** Changelog entries in the notes (what the notes list, breaking changes counted once). */
  changeCount: number;
  /** The notes grouped like the changelog. */
  document: ChangelogDocument;
  /** The same notes as Markdown, headed by the comparison. */
  markdown: string;
  warnings: string[];
}

/** Where a release has been: one entry per environment it reached (a succeeded promotion). */
export interface ReachedEnvironment {
  name: string;
  /** When it first went live there. */
  at: string;
  /** It is what is live there now. */
  live: boolean;
}

export interface HistoryRelease {
  version: string;
  tag: string;
  sha: string;
  /** The tag's own date (the tagger's; the commit's for a lightweight tag). */
  date: string | null;
  prerelease: boolean;
  /** The release just below it in SemVer order (what its own notes start from), null for the first. */
  previous: string | null;
  environments: ReachedEnvironment[];
}

export interface ReleaseHistory {
  /** The policy's environments, in promotion order (empty without a policy that names any). */
  environments: string[];
  /** Every release tag, oldest first. */
  releases: HistoryRelease[];
}
