import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '../core/context.js';
import { interruptedIntents } from '../core/intent/intent-store.js';
import { DATABASE_FILE, type Db } from '../core/store/database.js';
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
  const { db } = core();
  // Nearly always nothing was interrupted: the code that finishes or undoes each action (the
  // release, hotfix, train and promotion steps) loads only when something was. A recovery that
  // fails is left to the command, as before.
  if (!hasInterrupted(db)) return;
  const { resumeInterrupted } = await import('../core/intent/resume.js');
  const resumed = await resumeInterrupted(core(), repoPath(values, io)).catch(() => []);
  for (const r of resumed) io.stderr(`release-desk ${name}: ${r.message}\n`);
}

function hasInterrupted(db: Db): boolean {
  try {
    return interruptedIntents(db).length > 0;
  } catch {
    return false;
  }
}
