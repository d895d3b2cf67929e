// After `npm install` in a checkout, every face works at once: the CLI is built (so
// `npx release-desk` runs before any `npm run build`), and where an Electron binary was installed,
// better-sqlite3 built for Electron is added beside npm's build for Node, which stays for the CLI,
// browser mode and the tests (scripts/electron-native.mjs). A failed Electron build leaves every
// Node face working: it is a warning, and `npm start` tries again. Installed from a packed
// tarball (the CLI alone), there is nothing to build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { electronBinary, ensureElectronBuild } from './electron-native.mjs';

if (existsSync('src-main') && existsSync('node_modules/esbuild')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electron = electronBinary();
if ('reason' in electron) {
  console.log('release-desk: no Electron binary here; the CLI, browser mode and tests use the Node build.');
} else {
  try {
    await ensureElectronBuild(electron.version);
  } catch (error) {
    console.warn(
      `release-desk: could not build better-sqlite3 for Electron (${error instanceof Error ? error.message : error}); ` +
        'the CLI and tests are unaffected, and `npm start` tries again.',
    );
  }
}
