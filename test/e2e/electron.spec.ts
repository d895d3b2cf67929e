import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';
import { tempDir } from '../support/git-fixture.js';

/** The Electron binary's path, or why there is none (installed with ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(binary) ? { path: binary } : { reason: `Electron binary missing at ${binary}` };
  } catch (error) {
    return { reason: `No Electron binary on this machine (${(error as Error).message.split('\n')[0]})` };
  }
}

const binary = electronBinary();

test.describe('the Electron app', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  test('opens one secure window showing the app', async () => {
    const app = await electron.launch({
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
