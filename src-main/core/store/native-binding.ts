import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Database from 'better-sqlite3';

// Electron and Node need better-sqlite3 built for different ABIs. npm's build in node_modules
// serves Node (the CLI, browser mode, tests); scripts/electron-native.mjs builds a copy for
// Electron into this path of the app's own, so installing the app never breaks the CLI.
export const ELECTRON_BINDING = ['build', 'native', 'electron', 'better_sqlite3.node'] as const;

/**
 * The native binding a runtime loads: nothing under Node (better-sqlite3 finds npm's build), the
 * Electron build under Electron. A packaged app holds it outside the asar, where it was unpacked.
 */
export function bindingFor(
  versions: Readonly<Partial<Record<string, string>>>,
  appRoot: () => string,
): string | undefined {
  return versions.electron ? unpacked(path.join(appRoot(), ...ELECTRON_BINDING)) : undefined;
}

/** A path inside `app.asar`, moved to `app.asar.unpacked`, where electron-builder unpacks it. */
export function unpacked(file: string): string {
  return file.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/** The app's root: where its node_modules holds better-sqlite3 (a checkout, or app.asar). */
function appRoot(): string {
  const manifest = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
  return path.resolve(path.dirname(manifest), '..', '..');
}

let chosen: { binding: string | undefined } | undefined;

/** Options for `new Database`, with this runtime's binding. */
export function databaseOptions(options: Database.Options = {}): Database.Options {
  chosen ??= { binding: checked(bindingFor(process.versions, appRoot)) };
  return chosen.binding === undefined ? options : { ...options, nativeBinding: chosen.binding };
}

function checked(binding: string | undefined): string | undefined {
  if (binding !== undefined && !existsSync(binding)) {
    // The app cannot start without it; `npm start` (scripts/start.mjs) builds what is missing.
    throw new Error(
      `better-sqlite3 has no Electron build at ${binding}: run \`npm start\`, which builds it.`,
    );
  }
  return binding;
}
