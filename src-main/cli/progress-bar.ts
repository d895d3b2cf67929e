import type { ProgressEvent } from '../../shared/domain/progress.js';
import type { CliIo } from './command.js';

const WIDTH = 24;
const EVERY_MS = 100;

/**
 * A one-line progress bar on stderr for a job's events, redrawn at most every 100 ms and wiped
 * when the job finishes. Drawn only on a terminal: piped or captured stderr gets nothing.
 */
export function progressBar(io: CliIo, kind: string): (event: ProgressEvent) => void {
  if (!io.stderrIsTTY) return () => undefined;
  let drawn = 0;
  return (event) => {
    if (event.kind !== kind) return;
    if (event.finished) {
      io.stderr('\r\x1b[K');
      return;
    }
    const now = Date.now();
    if (now - drawn < EVERY_MS || event.done === null || !event.total) return;
    drawn = now;
    const filled = Math.round((WIDTH * event.done) / event.total);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    io.stderr(`\r\x1b[K${bar} ${event.message}`);
  };
}
