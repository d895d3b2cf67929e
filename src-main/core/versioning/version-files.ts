import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { VersionFile } from '../../../shared/domain/policy.js';
import { DeskError } from '../errors.js';
import { findVersion } from './version-pattern.js';

/** One file a release rewrites: its content before (null when it does not exist yet) and after. */
export interface FileChange {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  before: string | null;
  after: string;
  /** The step in plain words, e.g. `Set the version in package.json to 1.3.0`. */
  step: string;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    // ENOTDIR: a package's home that is a file holds no package.json.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

function isInside(root: string, full: string): boolean {
  const back = path.relative(root, full);
  return back !== '' && !back.startsWith('..') && !path.isAbsolute(back);
}

/** A path from the policy, refused when it leaves the repository (by `..` or by a symlink). */
async function insideRepo(root: string, relative: string): Promise<string> {
  const full = path.resolve(root, relative);
  const real = await realpath(full).catch(() => full);
  if (!isInside(root, full) || !isInside(await realpath(root), real)) {
    throw new DeskError('version-file-invalid', `The version file "${relative}" is outside the repository.`);
  }
  return full;
}

/** npm's own layout: the file's indentation and line endings kept, one trailing newline. */
function rewriteJson(text: string, file: string, update: (data: Record<string, unknown>) => void): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DeskError('version-file-invalid', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DeskError('version-file-invalid', `${file} does not hold a JSON object.`);
  }
  update(data as Record<string, unknown>);
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${JSON.stringify(data, null, indent)}\n`.replace(/\n/g, eol);
}

function setLockVersion(lock: Record<string, unknown>, version: string): void {
  lock.version = version;
  const packages = lock.packages as Record<string, Record<string, unknown>> | undefined;
  const root = packages?.[''];
  if (root && typeof root === 'object') root.version = version;
}

/** The version `pattern` finds first (its placeholder, or its first capture group) replaced by `version`. */
function replaceByPattern(text: string, spec: VersionFile, version: string): string {
  const span = findVersion(text, spec.pattern, spec.path);
  if (!span) {
    throw new DeskError(
      'version-file-invalid',
      `The version pattern for ${spec.path} matches nothing in it: ${spec.pattern}`,
    );
  }
  return text.slice(0, span[0]) + version + text.slice(span[1]);
}

/** `file` of the package whose home is `home` (repository-relative, `/`-separated; '' is the root). */
export function inPackage(home: string, file: string): string {
  return home === '' ? file : `${home}/${file}`;
}

/**
 * What the release writes besides CHANGELOG.md: the package's package.json and
 * package-lock.json when present (their root version fields; `home` is the package's directory,
 * the repository's root by default), and each `versioning.files` entry. Reads only; every
 * problem is found here, before anything is written.
 */
export async function versionFileChanges(
  root: string,
  version: string,
  files: VersionFile[],
  home = '',
): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  if (home !== '') await insideRepo(root, home);
  const manifest = inPackage(home, 'package.json');
  const pkg = await readOptional(path.join(root, manifest));
  if (pkg !== null) {
    const after = rewriteJson(pkg, manifest, (data) => (data.version = version));
    changes.push({
      path: manifest,
      before: pkg,
      after,
      step: `Set the version in ${manifest} to ${version}`,
    });
    const lockFile = inPackage(home, 'package-lock.json');
    const lock = await readOptional(path.join(root, lockFile));
    if (lock !== null) {
      const lockAfter = rewriteJson(lock, lockFile, (data) => setLockVersion(data, version));
      changes.push({
        path: lockFile,
        before: lock,
        after: lockAfter,
        step: `Set the version in ${lockFile} to ${version}`,
      });
    }
  }
  for (const spec of files) {
    const relative = path
      .relative(root, await insideRepo(root, spec.path))
      .split(path.sep)
      .join('/');
    if (changes.some((c) => c.path === relative)) continue;
    const text = await readOptional(path.join(root, relative));
    if (text === null)
      throw new DeskError('version-file-invalid', `The version file ${relative} does not exist.`);
    const after = replaceByPattern(text, spec, version);
    changes.push({
      path: relative,
      before: text,
      after,
      step: `Set the version in ${relative} to ${version}`,
    });
  }
  return changes;
}
