import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ELECTRON_BINDING as BUILT_AT } from '../../../scripts/electron-native.mjs';
import {
  bindingFor,
  databaseOptions,
  ELECTRON_BINDING,
  unpacked,
} from '../../../src-main/core/store/native-binding.js';
import { tempDir } from '../../support/git-fixture.js';

const ELECTRON = { node: '22.20.0', electron: '45.4.1' };
const NODE = { node: '20.20.2' };
const noRoot = (): string => {
  throw new Error('Node needs no app root');
};

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the native binding a runtime loads', () => {
  it('is npm’s own build under Node, found without looking for the app', () => {
    expect(bindingFor(NODE, noRoot)).toBeUndefined();
    expect(bindingFor(process.versions, noRoot)).toBeUndefined();
  });

  it('is the Electron build under Electron, in the checkout’s build folder', () => {
    expect(bindingFor(ELECTRON, () => path.join('/work', 'release-desk'))).toBe(
      path.join('/work', 'release-desk', 'build', 'native', 'electron', 'better_sqlite3.node'),
    );
  });

  it('is outside the asar in a packaged app, where electron-builder unpacked it', () => {
    const root = path.join('/opt', 'Release Desk', 'resources', 'app.asar');
    expect(bindingFor(ELECTRON, () => root)).toBe(
      path.join('/opt', 'Release Desk', 'resources', 'app.asar.unpacked', ...ELECTRON_BINDING),
    );
  });

  it('moves only a whole app.asar folder, with either separator, once', () => {
    expect(unpacked('C:\\Apps\\Release Desk\\resources\\app.asar\\build\\b.node')).toBe(
      'C:\\Apps\\Release Desk\\resources\\app.asar.unpacked\\build\\b.node',
    );
    expect(unpacked('/r/app.asar.unpacked/build/b.node')).toBe('/r/app.asar.unpacked/build/b.node');
    expect(unpacked('/r/myapp.asar/build/b.node')).toBe('/r/myapp.asar/build/b.node');
    expect(unpacked('/r/app.asarx/b.node')).toBe('/r/app.asarx/b.node');
  });

  it('is the path scripts/electron-native.mjs builds it at', () => {
    expect([...BUILT_AT]).toEqual([...ELECTRON_BINDING]);
  });

  it('leaves the options to npm’s build in this (Node) process', () => {
    expect(databaseOptions()).toEqual({});
    expect(databaseOptions({ fileMustExist: true })).toEqual({ fileMustExist: true });
  });

  it('names a file better-sqlite3 loads through nativeBinding', () => {
    // npm's Node build stands in for Electron's, which only Electron can load.
    dir = tempDir();
    const binding = bindingFor(ELECTRON, () => dir)!;
    mkdirSync(path.dirname(binding), { recursive: true });
    const npmBuild = createRequire(import.meta.url).resolve(
      'better-sqlite3/build/Release/better_sqlite3.node',
    );
    copyFileSync(npmBuild, binding);
    const db = new Database(path.join(dir, 'x.sqlite'), { nativeBinding: binding });
    expect(db.prepare('SELECT 40 + 2 AS answer').get()).toEqual({ answer: 42 });
    db.close();
  });
});
