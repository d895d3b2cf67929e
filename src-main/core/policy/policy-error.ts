import { DeskError } from '../errors.js';

/**
 * An invalid `.release-desk.yml`. The message already names the file, line and key; `key` and
 * `line` let the UI point at the spot. A DeskError so every binding reports `policy-invalid`.
 */
export class PolicyError extends DeskError {
  declare readonly code: 'policy-invalid';

  constructor(
    message: string,
    /** Key path like `environments[1].gates[0].approval.required`; empty for YAML syntax errors. */
    readonly key: string,
    /** 1-based line, or null when the spot is unknown. */
    readonly line: number | null,
  ) {
    super('policy-invalid', message, { policy: { key, line } });
    this.name = 'PolicyError';
  }
}
