// `npm start`: builds and opens the desktop app. Without an Electron binary (headless or offline
// installs) it says so in one line and points at browser mode instead of failing on a stack trace.
import { spawnSync } from 'node:child_process';
import { electronBinary, ensureElectronBuild } from './electron-native.mjs';

const electron = electronBinary();
if ('reason' in electron) {
  console.error(
    `release-desk: no Electron binary here: ${electron.reason}. Run \`npm run serve\` for the same app in your browser.`,
  );
  process.exit(1);
}

try {
  await ensureElectronBuild(electron.version);
} catch (error) {
  console.error(
    `release-desk: could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}

const onWindows = process.platform === 'win32';
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: onWindows });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawnSync(electron.path, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
if (app.error) {
  console.error(`release-desk: could not start Electron: ${app.error.message}`);
  process.exit(1);
}
process.exit(app.status ?? 1);
