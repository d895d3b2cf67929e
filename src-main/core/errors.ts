import type { ErrorCode } from '../../shared/result.js';

/** An expected failure with a code the bindings report as-is. Anything else is `internal`. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}
