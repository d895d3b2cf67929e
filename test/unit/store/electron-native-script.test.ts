import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_BINDING,
  electronBinary,
  electronBuildIsCurrent,
} from '../../../scripts/electron-native.mjs';
import { tempDir } from '../../support/git-fixture.js';

// A checkout's node_modules as npm leaves it, made by hand: what the install scripts read.
let root = '';
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function installElectron(binary: 'with binary' | 'without binary'): void {
  write('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version: '45.4.1' }));
  if (binary === 'with binary') {
    write('node_modules/electron/path.txt', 'electron');
    write('node_modules/electron/dist/electron', '');
  }
}

function stamp(built: object): void {
  write(path.join(...ELECTRON_BINDING), 'binary');
  write(path.join(...ELECTRON_BINDING.slice(0, -1), 'built-for.json'), JSON.stringify(built));
}

const CURRENT = {
  electron: '45.4.1',
  betterSqlite3: '12.11.1',
  platform: process.platform,
  arch: process.arch,
};

beforeEach(() => {
  root = tempDir();
  write(
    'node_modules/better-sqlite3/package.json',
    JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }),
  );
  delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  if (override === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = override;
});

describe('the Electron binary the install scripts look for', () => {
  it('is missing, with the reason, where the electron package is not installed', () => {
    expect(electronBinary(root)).toEqual({ reason: 'the electron package is not installed' });
  });

  it('is missing, with the reason, where Electron was installed without its binary', () => {
    installElectron('without binary');
    expect(electronBinary(root)).toEqual({
      reason: 'the electron package was installed without it (ELECTRON_SKIP_BINARY_DOWNLOAD)',
    });
  });

  it('is the package’s dist binary, with the package’s version', () => {
    installElectron('with binary');
    expect(electronBinary(root)).toEqual({
      path: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
      version: '45.4.1',
    });
  });

  it('is the one in ELECTRON_OVERRIDE_DIST_PATH, as the electron package would start it', () => {
    installElectron('without binary');
    process.env.ELECTRON_OVERRIDE_DIST_PATH = path.join(root, 'custom');
    expect(electronBinary(root)).toEqual({ path: path.join(root, 'custom', 'electron'), version: '45.4.1' });
  });
});

describe('whether the Electron build of better-sqlite3 needs building', () => {
  it('does where there is none', () => {
    expect(electronBuildIsCurrent('45.4.1', root)).toBe(false);
  });

  it('does not where it was built for this Electron, better-sqlite3 and machine', () => {
    stamp(CURRENT);
    expect(electronBuildIsCurrent('45.4.1', root)).toBe(true);
  });

  it('does after Electron or better-sqlite3 changed version', () => {
    stamp(CURRENT);
    expect(electronBuildIsCurrent('46.0.0', root)).toBe(false);
    stamp({ ...CURRENT, betterSqlite3: '12.10.0' });
    expect(electronBuildIsCurrent('45.4.1', root)).toBe(false);
  });

  it('does where its record is unreadable', () => {
    stamp(CURRENT);
    write(path.join(...ELECTRON_BINDING.slice(0, -1), 'built-for.json'), '{ not json');
    expect(electronBuildIsCurrent('45.4.1', root)).toBe(false);
  });
});
