import { _electron as electron, expect, test } from '@playwright/test';
import { tempDir } from '../support/git-fixture.js';
import { electronBinary, electronSkipReason } from './support/electron-binary.js';

const binary = electronBinary();
const skipReason = electronSkipReason(binary);

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
