/** A repository the user has opened, as the header shows it. */
export interface RepositorySummary {
  path: string;
  name: string;
  branch: string | null;
  head: string;
  headShort: string;
  latestTag: string | null;
  latestVersion: string | null;
  /** The repository's remotes by name; none means nothing can be pushed. */
  remotes: string[];
  /** Non-fatal conditions, e.g. a shallow clone's incomplete history. */
  warnings: string[];
}

export interface RecentRepository {
  path: string;
  name: string;
  openedAt: string;
}
