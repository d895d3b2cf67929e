/** Error codes every binding (IPC, HTTP, CLI) reports the same way, one line each on what it means. */
export type ErrorCode =
  /** The input failed its channel's schema or a check of its shape (a path, a version, a name). */
  | 'invalid-input'
  /** The caller is not one this binding serves (another window, a missing or wrong token). */
  | 'untrusted-caller'
  /** No API channel has that name. */
  | 'unknown-channel'
  /** The path does not exist, is not a directory, or is not UTF-8. */
  | 'not-a-directory'
  /** The directory is not a git working copy (or git reports one that does not hold it). */
  | 'not-a-repository'
  /** A bare repository: there is no working tree to release from. */
  | 'bare-repository'
  /** The repository has no commit yet. */
  | 'empty-repository'
  /** HEAD is detached where the action needs a branch. */
  | 'detached-head'
  /** A ref or SHA as typed is unsafe or names nothing. */
  | 'invalid-ref'
  /** `.release-desk.yml` is invalid; `details` has the key and line. */
  | 'policy-invalid'
  /** A release, train, hotfix, promotion, gate, item or branch the action names does not exist. */
  | 'not-found'
  /** Another run or person changed the same thing meanwhile (already ticked, held by another process): try again. */
  | 'conflict'
  /** The policy does not let this person do this (e.g. approving their own release). */
  | 'forbidden'
  /** Something the message lists must happen first: a gate, a freeze, the go/no-go, an earlier environment. */
  | 'blocked'
  /** The train, hotfix or promotion is not in a state that allows this (already cut, finished, nothing to override). */
  | 'wrong-state'
  /** A commit that may not be picked there: a merge commit, or a type a frozen train does not take. */
  | 'pick-not-allowed'
  /** A cherry-pick stopped on a conflict is in progress; `details.files` lists the files in conflict. */
  | 'cherry-pick-in-progress'
  /** The working tree has uncommitted changes the action could lose or tangle. */
  | 'dirty-working-tree'
  /** The branch the action works on is not the one checked out. */
  | 'wrong-branch'
  /** A branch of that name already exists. */
  | 'branch-exists'
  /** A tag of that name already exists. */
  | 'tag-exists'
  /** No commit since the last release calls for one (and no version was forced). */
  | 'nothing-to-release'
  /** A version as given (an override, a Release-As footer) is not SemVer or not above the current one. */
  | 'invalid-version'
  /** The commit to cut a train at is not on the main branch, or is older than its latest release. */
  | 'invalid-cut-point'
  /** A hotfix must start from a released (not prerelease) version. */
  | 'invalid-hotfix-base'
  /** The environment has no earlier successful release to roll back to. */
  | 'nothing-to-roll-back'
  /** A version file of the policy is missing, outside the repository, not JSON, or its pattern fails. */
  | 'version-file-invalid'
  /** The push target remote does not exist. */
  | 'no-remote'
  /** Git has no committer identity, so the action could not be recorded under a name. */
  | 'no-identity'
  /** The repository requires signed decisions and git has no signing key set up. */
  | 'signing-not-set-up'
  /** The remote refused the ledger's push (a hook or a protected ref); the message is its reason. */
  | 'ledger-rejected'
  /** A git command failed; `details.git` holds git's own message. */
  | 'git-failed'
  /** The data directory's file is not a Release Desk state database. */
  | 'not-a-release-database'
  /** The state database was written by a newer Release Desk. */
  | 'database-too-new'
  /** Browser mode's server is at its connection limit and turned the request away: try again. */
  | 'refused'
  /** A bug: anything not expected. The message is git's or the runtime's. */
  | 'internal';

/** Data an error carries for the UI to point at, beside its message. */
export interface ErrorDetails {
  /** `policy-invalid`: the key path (empty for a YAML syntax error) and 1-based line (null if unknown). */
  policy?: { key: string; line: number | null };
  /** `cherry-pick-in-progress`, conflicts: the files in conflict. */
  files?: string[];
  /** `git-failed`: git's own message (its last lines of stderr). */
  git?: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
