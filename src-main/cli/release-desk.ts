// The `release-desk` executable. It runs the bundled CLI (program.cjs) through V8's code cache:
// compiling the bundle was a third of a short command's time, and Node 20 has no compile cache of
// its own. The cache is bytecode this process will run, so it lives only in a directory that
// belongs to the user and nobody else can write, and is keyed by the bundle's exact content.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// The bundle's SHA-256, taken when it was built (scripts/build-main.mjs): hashing 1 MB and loading
// node:crypto at every start cost more than a short command's own work.
declare const __PROGRAM_DIGEST__: string;

const PROGRAM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'program.cjs');

/** `RELEASE_DESK_COMPILE_CACHE=0` turns the cache off; any other value names its directory. */
function cacheDirectory(env: NodeJS.ProcessEnv): string | null {
  const chosen = env.RELEASE_DESK_COMPILE_CACHE;
  if (chosen === '0') return null;
  if (chosen) return path.resolve(chosen);
  if (process.platform === 'win32') {
    return path.join(
      env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'),
      'release-desk',
      'cache',
    );
  }
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'release-desk');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'release-desk');
}

/** The directory, created private; null when it is not ours alone (then no cache is used). */
function privateDirectory(dir: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return dir;
    const stat = fs.statSync(dir);
    const ours = stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
    return ours ? dir : null;
  } catch {
    return null;
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Written whole under a temporary name, then renamed: a concurrent run never reads half a file.
 * Caches of other bundles (`program-<bundle>…`) are removed; other commands' of this one stay.
 */
function writeCache(dir: string, file: string, bundle: string, data: Buffer): void {
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith('program-') && !name.startsWith(`program-${bundle}`))
        fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // A cache that cannot be written only costs the next run its speed.
  }
}

/** The command a cache is kept for: a name as commands are named, any other first argument alike. */
function commandName(first: string | undefined): string {
  return first !== undefined && /^[a-z][a-z-]{0,31}$/.test(first) ? first : '';
}

/** 16 hex digits of two 32-bit FNV-1a hashes of a short text: a name, not a security check. */
function shortHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return [a, b].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

function launch(): void {
  const source = fs.readFileSync(PROGRAM, 'utf8');
  const base = cacheDirectory(process.env);
  const dir = base === null ? null : privateDirectory(base);
  const bundle = __PROGRAM_DIGEST__.slice(0, 16);
  // One cache per command: V8 keeps in it the functions the run that made it compiled, so a cache
  // made by `--version` would leave `changelog` compiling most of its code at every start.
  const command = shortHash(`${process.version}\0${process.arch}\0${commandName(process.argv[2])}`);
  const file = dir === null ? null : path.join(dir, `program-${bundle}${command}.v8`);
  const cachedData = file === null ? undefined : readCache(file);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: PROGRAM, cachedData });
  if (dir !== null && file !== null && (cachedData === undefined || script.cachedDataRejected)) {
    // Made at exit, so it also holds the functions this run compiled lazily; only after a
    // success, so a mistyped command name leaves no cache of its own behind.
    process.once('exit', (code) => {
      if (code === 0) writeCache(dir, file, bundle, script.createCachedData());
    });
  }
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(PROGRAM), module, PROGRAM, path.dirname(PROGRAM));
}

launch();
