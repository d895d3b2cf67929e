import type { Policy } from '../../../shared/domain/policy.js';
import { DeskError } from '../errors.js';

/** One problem of a policy file, at its key and line. */
export interface PolicyProblem {
  /** Key path like `environments[1].gates[0].approval.required`; empty for YAML syntax errors. */
  key: string;
  /** 1-based line, or null when the spot is unknown. */
  line: number | null;
  /** Completes the sentence "<key> …", e.g. "must be a positive integer". */
  message: string;
}

/** The sections a release reads: versions, tags and notes depend on nothing else. */
export type ReleasePolicy = Pick<Policy, 'versioning' | 'changelog'>;

/**
 * An invalid `.release-desk.yml`. The message names the file, line and key of every problem, one
 * a line; `key` and `line` are the first's, so the UI can point at the spot. A DeskError so every
 * binding reports `policy-invalid`.
 */
export class PolicyError extends DeskError {
  declare readonly code: 'policy-invalid';

  constructor(
    message: string,
    /** The first problem's key path; empty for YAML syntax errors. */
    readonly key: string,
    /** The first problem's 1-based line, or null when the spot is unknown. */
    readonly line: number | null,
    /** Every problem found, first one first. */
    readonly problems: PolicyProblem[] = [{ key, line, message }],
    /** The sections a release reads, when they are valid and only other sections are wrong. */
    readonly release: ReleasePolicy | null = null,
  ) {
    super('policy-invalid', message, { policy: { key, line } });
    this.name = 'PolicyError';
  }
}
