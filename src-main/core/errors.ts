import type { ErrorCode, ErrorDetails } from '../../shared/result.js';

/**
 * An expected failure with a code the bindings report as-is, and the data a UI points at
 * (`details`: a policy key and line, files in conflict, git's message). Anything else is `internal`.
 */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}
