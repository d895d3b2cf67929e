import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src-main/core/policy/load-policy.js';
import { PolicyError } from '../../../src-main/core/policy/policy-error.js';

function policyError(text: string): PolicyError {
  try {
    parsePolicy(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

/** A production environment after staging, with the given gate lines (the first on line 5). */
const withGates = (...gates: string[]) =>
  `environments:\n  - name: staging\n  - name: production\n    gates:\n${gates.map((g) => `      - ${g}\n`).join('')}`;

describe('parsePolicy errors', () => {
  it.each([
    [
      'bad duration',
      withGates('check: { name: t, run: x, timeout: 10 mins }'),
      'environments[1].gates[0].check.timeout',
      5,
      'must be a duration',
    ],
    ['unknown top-level key', 'versioning: {}\nenviroments: []\n', 'enviroments', 2, 'is not a known key'],
    [
      'unknown nested key',
      withGates('approval: { required: 1, aprovers: [a@x.io] }'),
      'environments[1].gates[0].approval.aprovers',
      5,
      'is not a known key',
    ],
    [
      'required > approvers',
      withGates('checklist: ok', 'approval: { required: 3, approvers: [a@x.io, b@x.io] }'),
      'environments[1].gates[1].approval.required',
      6,
      'must not exceed the number of approvers (2)',
    ],
    [
      'required not an integer',
      withGates('approval:\n          required: two\n          approvers: [a@x.io]'),
      'environments[1].gates[0].approval.required',
      6,
      'must be a positive integer',
    ],
    [
      'unknown group',
      withGates('approval: { approvers: [team:ops] }'),
      'environments[1].gates[0].approval.approvers[0]',
      5,
      'names no email and no group',
    ],
    [
      'soak naming a later env',
      'environments:\n  - name: staging\n    gates:\n      - soak: { in: production, for: 1d }\n  - name: production\n',
      'environments[0].gates[0].soak.in',
      4,
      'must name an environment before "staging"',
    ],
    [
      'soak naming no env',
      withGates('soak: { in: qa, for: 1d }'),
      'environments[1].gates[0].soak.in',
      5,
      'names no environment ("qa")',
    ],
    [
      'bad timezone',
      withGates('window:\n          deny: [Sat]\n          timezone: Europe/Berln'),
      'environments[1].gates[0].window.timezone',
      7,
      'must be an IANA time zone',
    ],
    [
      'bad window',
      withGates('window: { deny: [Sat, "Fri 25:00-Mon 08:00"], timezone: UTC }'),
      'environments[1].gates[0].window.deny[1]',
      5,
      '"25:00" is not a time of day',
    ],
    [
      'duplicate env',
      'environments:\n  - name: staging\n  - name: prod\n  - name: staging\n',
      'environments[2].name',
      4,
      'repeats environment "staging"',
    ],
    [
      'bad env name',
      'environments:\n  - name: "pre prod"\n',
      'environments[0].name',
      2,
      'must be a non-empty name',
    ],
    [
      'gate with two kinds',
      withGates('checklist: a\n        soak: { in: staging, for: 1h }'),
      'environments[1].gates[0]',
      5,
      'must be exactly one of',
    ],
    [
      'bad semver',
      'versioning:\n  initialVersion: "1.0"\n',
      'versioning.initialVersion',
      2,
      'must be a SemVer version',
    ],
    [
      'pattern without group',
      "versioning:\n  files:\n    - path: a.txt\n      pattern: 'version=.*'\n",
      'versioning.files[0].pattern',
      4,
      'it has no capture group',
    ],
    [
      'branch without placeholders',
      'trains:\n  branch: release/{major}\n',
      'trains.branch',
      2,
      'must contain {major} and {minor}',
    ],
    [
      'cadence not in days',
      'trains:\n  cadence:\n    every: 36h\n    weekday: tue\n    at: "10:00"\n    timezone: UTC\n    start: 2026-01-06\n',
      'trains.cadence.every',
      3,
      'whole number of days',
    ],
    [
      'missing cadence key',
      'trains:\n  cadence:\n    every: 2w\n    at: "10:00"\n    timezone: UTC\n    start: 2026-01-06\n',
      'trains.cadence.weekday',
      2,
      'is required',
    ],
    [
      'bad weekday',
      'trains:\n  cadence: { every: 1w, weekday: tues, at: "10:00", timezone: UTC, start: 2026-01-06 }\n',
      'trains.cadence.weekday',
      2,
      'must be a weekday',
    ],
    [
      'bad date',
      'trains:\n  cadence: { every: 1w, weekday: tue, at: "10:00", timezone: UTC, start: 2026-02-30 }\n',
      'trains.cadence.start',
      2,
      'must be a date YYYY-MM-DD',
    ],
    ['wrong type', 'environments: staging\n', 'environments', 1, 'must be a list'],
    [
      'path above the repository',
      'versioning:\n  paths: [packages/api, ../secrets]\n',
      'versioning.paths[1]',
      2,
      'must be a path inside the repository, like packages/api (got "../secrets")',
    ],
    [
      'absolute path',
      'versioning:\n  paths:\n    - /etc\n',
      'versioning.paths[0]',
      3,
      'must be a path inside the repository',
    ],
    [
      'older tag prefix that is the tag prefix',
      'versioning:\n  olderTagPrefixes: ["", v]\n',
      'versioning.olderTagPrefixes[1]',
      2,
      'must differ from versioning.tagPrefix ("v")',
    ],
    [
      'repeated older tag prefix',
      'versioning:\n  tagPrefix: release-\n  olderTagPrefixes:\n    - ""\n    - v\n    - ""\n',
      'versioning.olderTagPrefixes[2]',
      6,
      'repeats the prefix ""',
    ],
    [
      'older tag prefixes that are no list',
      'versioning:\n  olderTagPrefixes: ""\n',
      'versioning.olderTagPrefixes',
      2,
      'must be a list',
    ],
  ])('names the key and line of a %s', (_kind, text, key, line, message) => {
    const error = policyError(text);
    expect(error.key).toBe(key);
    expect(error.line).toBe(line);
    expect(error.code).toBe('policy-invalid');
    expect(error.message.startsWith(`.release-desk.yml line ${line}: ${key} `)).toBe(true);
    expect(error.message).toContain(message);
  });

  it('refuses to skip approvals on the hotfix path', () => {
    const error = policyError(
      `${withGates('approval: { approvers: [a@x.io] }')}    hotfix:\n      skip: [soak, approval]\n`,
    );
    expect(error.message).toBe(
      '.release-desk.yml line 7: environments[1].hotfix.skip[1] may not skip approval, not even for hotfixes',
    );
  });

  it('reports the first problem of the example format in the brief', () => {
    const error = policyError(withGates('checklist: ok', 'approval: { required: 0, approvers: [a@x.io] }'));
    expect(error.message).toBe(
      '.release-desk.yml line 6: environments[1].gates[1].approval.required must be a positive integer',
    );
  });

  it('lists every problem at once, one a line with its key and line, unknown keys first', () => {
    const error = policyError(
      [
        'versioning:',
        '  preMajor: maybe',
        'trains:',
        '  branch: release/{major}',
        '  freezeBefor: 1d',
        'environments:',
        '  - name: staging',
        '    gates:',
        '      - approval: { required: 0, approvers: [a@x.io], expire: 1d, allowself: true }',
        '',
      ].join('\n'),
    );
    expect(error.message.split('\n')).toEqual([
      '.release-desk.yml line 5: trains.freezeBefor is not a known key (known: cadence, freezeBefore, branch, goNoGo, freezeAllows)',
      '.release-desk.yml line 9: environments[0].gates[0].approval.expire is not a known key (known: required, approvers, allowSelf, expires)',
      '.release-desk.yml line 9: environments[0].gates[0].approval.allowself is not a known key (known: required, approvers, allowSelf, expires)',
      '.release-desk.yml line 2: versioning.preMajor must be true or false',
      '.release-desk.yml line 4: trains.branch must contain {major} and {minor}',
      '.release-desk.yml line 9: environments[0].gates[0].approval.required must be a positive integer',
    ]);
    // The first problem is the one the UI points at.
    expect(error.key).toBe('trains.freezeBefor');
    expect(error.line).toBe(5);
    expect(error.problems).toHaveLength(6);
    expect(error.problems[5]).toEqual({
      key: 'environments[0].gates[0].approval.required',
      line: 9,
      message: 'must be a positive integer',
    });
    // The versioning section is broken too, so nothing is left for a release to use.
    expect(error.release).toBeNull();
  });

  it('keeps the sections a release reads when only promotion and train keys are wrong', () => {
    const error = policyError(
      'versioning:\n  tagPrefix: rel-\ntrains:\n  branch: x\nenvironments:\n  - name: "a b"\n',
    );
    expect(error.problems.map((p) => p.key)).toEqual(['trains.branch', 'environments[0].name']);
    expect(error.release?.versioning.tagPrefix).toBe('rel-');
    expect(error.release?.changelog.rollUpPrereleases).toBe(true);
    // An unknown top-level key may be a misspelt section a release reads: nothing is kept.
    expect(policyError('versionig:\n  tagPrefix: rel-\n').release).toBeNull();
  });

  it('names the line of a YAML syntax error', () => {
    const error = policyError('versioning:\n  tagPrefix: v\ntrains: [1\nenvironments: []\n');
    expect(error.line).toBe(4);
    expect(error.key).toBe('');
    expect(error.message).toMatch(/^\.release-desk\.yml line 4: /);
    expect(policyError('a: 1\na: 2\n').message).toBe('.release-desk.yml line 2: Map keys must be unique');
  });

  it('names the file it was given', () => {
    expect(() => parsePolicy('nope: 1\n', 'repo/.release-desk.yml')).toThrow(
      /^repo\/\.release-desk\.yml line 1: nope is not a known key/,
    );
  });
});
