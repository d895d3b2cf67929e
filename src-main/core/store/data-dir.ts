import os from 'node:os';
import path from 'node:path';

/** CLI and browser mode: `--data-dir`, else $RELEASE_DESK_HOME, else the XDG data directory. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.RELEASE_DESK_HOME) return path.resolve(env.RELEASE_DESK_HOME);
  const xdg = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'release-desk');
}
