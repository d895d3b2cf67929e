import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The Electron binary's path, or why there is none. Read from the package's own path.txt rather
 * than `require('electron')`, which would try to download a missing binary.
 */
export function electronBinary(): { path: string } | { reason: string } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `Electron binary missing at ${binary}` };
}

/** Why the Electron end-to-end tests cannot run here, or null when they can. */
export function electronSkipReason(binary: ReturnType<typeof electronBinary>): string | null {
  return 'reason' in binary
    ? binary.reason
    : process.platform === 'linux' && !process.env.DISPLAY
      ? 'No display for Electron: run the tests under xvfb-run'
      : null;
}
