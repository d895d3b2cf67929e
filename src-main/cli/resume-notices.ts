import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/context.js';
import { resumeInterrupted } from '../core/intent/resume.js';
import { DATABASE_FILE } from '../core/store/database.js';
import type { CliIo } from './command.js';
import { repoPath } from './repo-option.js';

/**
 * Before any command on a repository: finishes or undoes what a killed Release Desk process left
 * half-done there, one line each on stderr (stdout stays the command's answer). A directory that
 * is not a repository is left to the command to report.
 */
export async function resumeBeforeCommand(
  core: () => Core,
  values: Record<string, unknown>,
  io: CliIo,
  name: string,
  dataDir: string,
): Promise<void> {
  // A fresh data dir has nothing to resume: it is not created just to find that out.
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) return;
  const resumed = await resumeInterrupted(core(), repoPath(values, io)).catch(() => []);
  for (const r of resumed) io.stderr(`release-desk ${name}: ${r.message}\n`);
}
