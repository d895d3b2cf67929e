// Rebuilds native modules (better-sqlite3) for Electron's ABI, but only where an Electron
// binary was installed: on headless or offline machines (ELECTRON_SKIP_BINARY_DOWNLOAD=1) the
// Node build stays, which is what the CLI, browser mode and the tests use.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.join('node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');
const hasBinary =
  existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.CI || !hasBinary) {
  console.log('release-desk: no Electron binary here; native modules stay built for Node.');
} else {
  const result = spawnSync('npx', ['electron-builder', 'install-app-deps'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exit(result.status ?? 1);
}
