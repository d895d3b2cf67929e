/** Error codes every binding (IPC, HTTP, CLI) reports the same way. */
export type ErrorCode =
  | 'invalid-input'
  | 'untrusted-caller'
  | 'unknown-channel'
  | 'not-a-directory'
  | 'not-a-repository'
  | 'bare-repository'
  | 'empty-repository'
  | 'shallow-repository'
  | 'detached-head'
  | 'invalid-ref'
  | 'policy-invalid'
  | 'not-found'
  | 'conflict'
  | 'refused'
  | 'forbidden'
  | 'git-failed'
  | 'database-too-new'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
