import vm from 'node:vm';
import { DeskError } from '../errors.js';

/** In a `versioning.files` pattern, where the version stands: `"version": "{version}"`. */
export const VERSION_PLACEHOLDER = '{version}';

// What a version may be made of (SemVer, with a prefix like v), and how long it may run.
const VERSION_CHAR = /[0-9A-Za-z.+-]/;
const MAX_VERSION_LENGTH = 256;
// A regular expression pattern gets this long to search a file: one that backtracks
// catastrophically would otherwise hang the release.
const REGEX_BUDGET_MS = 1000;

/**
 * Where the version is in `text`, as [start, end), or null. A pattern holding the placeholder
 * is plain text around it, searched without a regular expression (so in linear time); any
 * other pattern is a regular expression whose first capture group is the version, run with a
 * time budget.
 */
export function findVersion(text: string, pattern: string, file: string): [number, number] | null {
  return pattern.includes(VERSION_PLACEHOLDER)
    ? findByPlaceholder(text, pattern)
    : findByRegex(text, pattern, file);
}

function findByPlaceholder(text: string, pattern: string): [number, number] | null {
  const at = pattern.indexOf(VERSION_PLACEHOLDER);
  const before = pattern.slice(0, at);
  const after = pattern.slice(at + VERSION_PLACEHOLDER.length);
  for (let found = text.indexOf(before); found >= 0; found = text.indexOf(before, found + 1)) {
    const start = found + before.length;
    let end = start;
    while (end < text.length && end - start < MAX_VERSION_LENGTH && VERSION_CHAR.test(text[end]!)) end++;
    if (end > start && text.startsWith(after, end)) return [start, end];
  }
  return null;
}

function findByRegex(text: string, pattern: string, file: string): [number, number] | null {
  try {
    return vm.runInNewContext(
      'const m = new RegExp(pattern, "md").exec(text); m?.indices?.[1] ? [m.indices[1][0], m.indices[1][1]] : null',
      { pattern, text },
      { timeout: REGEX_BUDGET_MS },
    ) as [number, number] | null;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    throw new DeskError(
      'version-file-invalid',
      `The version pattern for ${file} took over ${REGEX_BUDGET_MS / 1000} s to search it (it backtracks too much): ` +
        `write it with the placeholder instead, e.g. pattern: "VERSION = '${VERSION_PLACEHOLDER}'". Nothing was changed.`,
    );
  }
}
