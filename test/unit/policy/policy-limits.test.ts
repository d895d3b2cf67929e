import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src-main/core/policy/load-policy.js';
import { POLICY_LIMITS } from '../../../src-main/core/policy/policy-schema.js';

const list = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i)).join('\n');

describe('a policy is bounded', () => {
  it.each([
    [
      'environments',
      `environments:\n${list(POLICY_LIMITS.environments + 1, (i) => `  - name: env${i}`)}\n`,
      `.release-desk.yml line 1: environments must list at most ${POLICY_LIMITS.environments} environments (Release Desk's limit)`,
    ],
    [
      'gates',
      `environments:\n  - name: prod\n    gates:\n${list(POLICY_LIMITS.gates + 1, (i) => `      - checklist: item ${i}`)}\n`,
      `.release-desk.yml line 3: environments[0].gates must list at most ${POLICY_LIMITS.gates} gates (Release Desk's limit)`,
    ],
    [
      'approvers',
      `environments:\n  - name: prod\n    gates:\n      - approval:\n          approvers: [${list(POLICY_LIMITS.approvers + 1, (i) => `a${i}@x.io`).replace(/\n/g, ', ')}]\n`,
      `.release-desk.yml line 5: environments[0].gates[0].approval.approvers must list at most ${POLICY_LIMITS.approvers} approvers (Release Desk's limit)`,
    ],
    [
      'groups',
      `groups:\n${list(POLICY_LIMITS.groups + 1, (i) => `  g${i}: [a@x.io]`)}\n`,
      `.release-desk.yml line 1: groups must have at most ${POLICY_LIMITS.groups} groups (Release Desk's limit)`,
    ],
    [
      'group members',
      `groups:\n  leads: [${list(POLICY_LIMITS.groupMembers + 1, (i) => `a${i}@x.io`).replace(/\n/g, ', ')}]\n`,
      `.release-desk.yml line 2: groups.leads must list at most ${POLICY_LIMITS.groupMembers} members (Release Desk's limit)`,
    ],
    [
      'version files',
      `versioning:\n  files:\n${list(POLICY_LIMITS.files + 1, (i) => `    - { path: f${i}, pattern: "v={version}" }`)}\n`,
      `.release-desk.yml line 2: versioning.files must list at most ${POLICY_LIMITS.files} files (Release Desk's limit)`,
    ],
    [
      'checklist item text',
      `environments:\n  - name: prod\n    gates:\n      - checklist: ${'x'.repeat(POLICY_LIMITS.text + 1)}\n`,
      `.release-desk.yml line 4: environments[0].gates[0].checklist must be at most ${POLICY_LIMITS.text} characters`,
    ],
  ])('in its %s, naming the limit', (_what, text, message) => {
    expect(() => parsePolicy(text)).toThrow(message);
  });

  it('in its size, before it is parsed', () => {
    const text = `environments:\n${list(50_000, (i) => `  - name: env${i}`)}\n`;
    expect(() => parsePolicy(text)).toThrow(
      `.release-desk.yml is ${Math.ceil(text.length / 1024)} KiB: a policy may be at most 128 KiB (Release Desk's limit).`,
    );
  });

  it('and a policy at the limits is accepted', () => {
    const text = `environments:\n${list(POLICY_LIMITS.environments, (i) => `  - name: env${i}\n    gates:\n${list(5, (j) => `      - checklist: item ${j}`)}`)}\n`;
    expect(parsePolicy(text).environments).toHaveLength(POLICY_LIMITS.environments);
  });
});
