import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { tempDir } from '../support/git-fixture.js';

/**
 * The Electron binary's path, or why there is none. Read from the package's own path.txt rather
 * than `require('electron')`, which would try to download a missing binary.
 */
function electronBinary(): { path: string } | { reason: string } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `Electron binary missing at ${binary}` };
}

const binary = electronBinary();
const skipReason =
  'reason' in binary
    ? binary.reason
    : process.platform === 'linux' && !process.env.DISPLAY
      ? 'No display for Electron: run the tests under xvfb-run'
      : null;
if (skipReason) console.log(`Electron end-to-end tests skipped: ${skipReason}`);

test.describe('the Electron app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('opens one secure window showing the app', async () => {
    const app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1', RELEASE_DESK_USER_DATA: tempDir() },
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // Sandboxed and isolated: the page sees neither Node nor ipcRenderer, only the typed bridge.
    const page = await window.evaluate(() => {
      const g = globalThis as { require?: unknown; process?: unknown; releaseDesk?: Record<string, unknown> };
      return {
        require: typeof g.require,
        process: typeof g.process,
        bridge: Object.keys(g.releaseDesk ?? {}).sort(),
      };
    });
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['chooseRepository', 'invoke', 'onMenu', 'onProgress'],
    });
    await app.close();
  });
});
