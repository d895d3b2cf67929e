// better-sqlite3 built for Electron, beside npm's build for Node: node_modules keeps the Node build
// (the CLI, browser mode, the tests), and a copy of the package is built for Electron's ABI into a
// folder of the app's own, which the Electron main process loads through better-sqlite3's
// `nativeBinding` option (src-main/core/store/native-binding.ts). Neither build replaces the other.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The same path as ELECTRON_BINDING in native-binding.ts (a unit test holds them together).
export const ELECTRON_BINDING = ['build', 'native', 'electron', 'better_sqlite3.node'];
const BUILT_FOR = 'built-for.json';

const require = createRequire(import.meta.url);

function packageDir(name, root) {
  return path.dirname(require.resolve(`${name}/package.json`, { paths: [root] }));
}

function versionOf(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/**
 * Electron's binary as its npm package would start it, or why there is none. Read from the
 * package's path.txt: `require('electron')` would try to download a missing binary.
 */
export function electronBinary(root = process.cwd()) {
  let dir;
  try {
    dir = packageDir('electron', root);
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return { path: path.join(override, name ?? 'electron'), version: versionOf(dir) };
  if (name === undefined)
    return { reason: 'the electron package was installed without it (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  const binary = path.join(dir, 'dist', name);
  return existsSync(binary) ? { path: binary, version: versionOf(dir) } : { reason: `${binary} is missing` };
}

/** What an Electron build must have been built for to serve this checkout. */
function wanted(electronVersion, root) {
  return {
    electron: electronVersion,
    betterSqlite3: versionOf(packageDir('better-sqlite3', root)),
    platform: process.platform,
    arch: process.arch,
  };
}

/** Whether the Electron build is there and was built for this Electron and better-sqlite3. */
export function electronBuildIsCurrent(electronVersion, root = process.cwd()) {
  const binding = path.join(root, ...ELECTRON_BINDING);
  const stamp = path.join(path.dirname(binding), BUILT_FOR);
  if (!existsSync(binding) || !existsSync(stamp)) return false;
  try {
    return (
      JSON.stringify(JSON.parse(readFileSync(stamp, 'utf8'))) ===
      JSON.stringify(wanted(electronVersion, root))
    );
  } catch {
    return false;
  }
}

/**
 * Builds better-sqlite3 for `electronVersion` from a copy of the installed package (a prebuilt
 * binary where one can be fetched, else from source with Electron's headers), and puts the
 * binding at ELECTRON_BINDING. node_modules is left as it is.
 */
export async function buildForElectron(electronVersion, root = process.cwd()) {
  const binding = path.join(root, ...ELECTRON_BINDING);
  const outDir = path.dirname(binding);
  const stage = path.join(outDir, '..', '.electron-stage');
  rmSync(stage, { recursive: true, force: true });
  const source = packageDir('better-sqlite3', root);
  // The copy leaves out npm's build (Node's ABI), so nothing of it can be mistaken for Electron's.
  cpSync(source, stage, {
    recursive: true,
    filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build',
  });
  // node-gyp reads these from the environment; set for the Node build (npm_config_nodedir=/usr),
  // they would build against Node's headers instead of Electron's.
  for (const key of ['npm_config_nodedir', 'npm_config_target', 'npm_config_runtime', 'npm_config_disturl']) {
    delete process.env[key];
  }
  try {
    const { rebuild } = await import('@electron/rebuild');
    // projectRootPath: the walk for modules to rebuild stays inside the copy, never reaching the
    // checkout's own node_modules.
    await rebuild({ buildPath: stage, projectRootPath: stage, electronVersion, force: true });
    mkdirSync(outDir, { recursive: true });
    const built = path.join(stage, 'build', 'Release', 'better_sqlite3.node');
    cpSync(built, `${binding}.tmp`);
    renameSync(`${binding}.tmp`, binding);
    writeFileSync(
      path.join(outDir, BUILT_FOR),
      `${JSON.stringify(wanted(electronVersion, root), null, 2)}\n`,
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return binding;
}

/** Builds the Electron binding unless it is current; one line says which. */
export async function ensureElectronBuild(electronVersion, root = process.cwd()) {
  const where = path.join(...ELECTRON_BINDING);
  if (electronBuildIsCurrent(electronVersion, root)) {
    console.log(`release-desk: better-sqlite3 for Electron ${electronVersion} is built (${where}).`);
    return;
  }
  console.log(`release-desk: building better-sqlite3 for Electron ${electronVersion} into ${where}…`);
  await buildForElectron(electronVersion, root);
  console.log(`release-desk: built ${where}; node_modules keeps the Node build for the CLI and tests.`);
}
