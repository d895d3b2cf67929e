/** One way a past release differs from what Release Desk would have made of it. */
export interface ReplayDisagreement {
  /** The release tag replayed. */
  tag: string;
  /** `version`: the version differs; `notes`: the entries of its CHANGELOG.md section differ. */
  kind: 'version' | 'notes';
  /** What shipped: the tag's version, or the count of the section's entries. */
  expected: string;
  /** What Release Desk gives: a version (null: nothing to release), or its count of entries. */
  got: string | null;
  /** The cause in words, with the evidence from the release's commits. */
  reason: string;
  /** The cause's short name, shared by disagreements with the same cause (for the summary). */
  cause: string;
}

/** `release-desk replay`: every past release compared with what Release Desk would have given. */
export interface ReplayReport {
  /** Releases replayed (after `since` and `limit`). */
  releases: number;
  versionsAgreed: number;
  /** Releases whose CHANGELOG.md at the tag has a section for their version. */
  notesCompared: number;
  notesAgreed: number;
  /** Newest release first; a release can have a version and a notes disagreement. */
  disagreements: ReplayDisagreement[];
  /** The tag prefix release tags were recognised by, and how many tags it saw and did not. */
  tagPrefix: string;
  /** The older prefixes whose tags were releases too (versioning.olderTagPrefixes). */
  olderTagPrefixes: string[];
  /** Release tags, variants not counted. */
  releaseTags: number;
  otherTags: number;
  /**
   * Prerelease tags made after their own version was released stable (`v18.1.0-deno` after
   * `v18.1.0`), newest first: variants of that release, not replayed.
   */
  variantTags: string[];
  /** Causes by how many disagreements they explain, most first. */
  causes: { cause: string; count: number }[];
}
