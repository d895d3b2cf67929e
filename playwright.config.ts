import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromium } from '@playwright/test';
import { electronBinary, electronSkipReason } from './test/e2e/support/electron-binary.js';

const electronSkip = electronSkipReason(electronBinary());
// Said once, up front: the list reporter shows skipped tests without their reason.
if (electronSkip) console.log(`Electron end-to-end tests are skipped: ${electronSkip}`);

/** Playwright's own Chromium when installed; otherwise the system's (Debian's `chromium`). */
function chromiumExecutable(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser registered
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'browser', testIgnore: /electron\.spec\.ts/, use: { browserName: 'chromium' } },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
