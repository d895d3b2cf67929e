import { describe, expect, it } from 'vitest';
import { assertCommitish, assertSafeRefName } from '../../../src-main/core/git/refs.js';

describe('ref names typed by users', () => {
  it.each(['main', 'release/1.2', 'hotfix/1.0.1', 'v1.2.0', 'feature/a-b_c'])('accepts %s', (name) => {
    expect(assertSafeRefName(name)).toBe(name);
  });

  it.each([
    ['--upload-pack=x', /may not start with "-"/],
    ['-x', /may not start with "-"/],
    ['--orphan=x', /may not start with "-"/],
    ['a..b', /".."/],
    ['a b', /space or control/],
    ['a~1', /~/],
    ['a:b', /:/],
    ['refs/heads/x.lock', /\.lock/],
    ['x/', /ends with "\/"/],
    ['@', /"@"/],
    ['a@{1}', /@\{/],
    ['', /empty/],
  ])('rejects %s before git runs', (name, message) => {
    expect(() => assertSafeRefName(name)).toThrow(message);
    expect(() => assertSafeRefName(name)).toThrow(expect.objectContaining({ code: 'invalid-ref' }));
  });

  it.each(['abc1234', 'HEAD~3', 'v1.2.0^', 'main^2~1', 'release/1.2~2'])('accepts the revision %s', (rev) => {
    expect(assertCommitish(rev)).toBe(rev);
  });

  it.each(['--upload-pack=x~1', '~3', '-1', 'a..b~1'])('rejects the revision %s', (rev) => {
    expect(() => assertCommitish(rev)).toThrow(expect.objectContaining({ code: 'invalid-ref' }));
  });
});
