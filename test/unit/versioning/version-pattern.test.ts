import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src-main/core/policy/load-policy.js';
import { findVersion } from '../../../src-main/core/versioning/version-pattern.js';

const found = (text: string, pattern: string) => {
  const span = findVersion(text, pattern, 'f');
  return span && text.slice(...span);
};

describe('a versioning.files pattern', () => {
  it('with the placeholder finds the version where it stands, as plain text', () => {
    const text = '{\n  "name": "x",\n  "version": "1.2.3-rc.1+b5",\n  "dep": { "version": "9.9.9" }\n}\n';
    expect(found(text, '"version": "{version}"')).toBe('1.2.3-rc.1+b5');
    expect(found("VERSION = '2.0.0'\n", "VERSION = '{version}'")).toBe('2.0.0');
    // Regular-expression characters are plain text here.
    expect(found('v(1.0.0)* end', 'v({version})*')).toBe('1.0.0');
    expect(found('version = ""', 'version = "{version}"')).toBeNull();
  });

  it('with the placeholder runs in linear time on a hostile file', () => {
    const text = `${'a'.repeat(200_000)}!`;
    expect(found(text, 'a{version}b')).toBeNull();
  });

  it('as a regular expression still works, its first group being the version', () => {
    expect(found("export const VERSION = '1.0.0';\n", "VERSION = '([^']+)'")).toBe('1.0.0');
  });

  it('as a regular expression that backtracks catastrophically is stopped, naming the file and the fix', () => {
    expect(() => findVersion(`${'a'.repeat(40)}b`, '^(a+)+$', 'src/version.ts')).toThrow(
      `The version pattern for src/version.ts took over 1 s to search it (it backtracks too much): write it with the placeholder instead, e.g. pattern: "VERSION = '{version}'". Nothing was changed.`,
    );
  });

  it('is checked in the policy: one placeholder with text around it, or a group', () => {
    const policy = (pattern: string) =>
      `versioning:\n  files:\n    - path: v.txt\n      pattern: ${JSON.stringify(pattern)}\n`;
    expect(parsePolicy(policy('"version": "{version}"')).versioning.files).toEqual([
      { path: 'v.txt', pattern: '"version": "{version}"' },
    ]);
    expect(() => parsePolicy(policy('{version} and {version}'))).toThrow('it has more than one {version}');
    expect(() => parsePolicy(policy('{version}'))).toThrow('it needs text around {version}');
    expect(() => parsePolicy(policy('VERSION'))).toThrow('it has no capture group');
  });
});
