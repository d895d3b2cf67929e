import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy } from '../../../src-main/core/policy/load-policy.js';

describe('resources/default-policy.yml', () => {
  it('documents exactly the defaults: parsed, it is the policy of a repository without the file', () => {
    const text = readFileSync(new URL('../../../resources/default-policy.yml', import.meta.url), 'utf8');
    expect(parsePolicy(text)).toEqual(defaultPolicy());
  });
});
