/** Progress of a long job (history scan, command gate), streamed on its own channel. */
export interface ProgressEvent {
  job: string;
  /** e.g. `history`, `check`, `deploy`. */
  kind: string;
  message: string;
  done: number | null;
  total: number | null;
  /** A chunk of command output, for check gates and deploys. */
  output?: string;
  finished: boolean;
}
