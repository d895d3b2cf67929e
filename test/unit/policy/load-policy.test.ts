import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../../shared/domain/policy.js';
import { defaultPolicy, loadPolicy, parsePolicy } from '../../../src-main/core/policy/load-policy.js';

const FULL = `versioning:
  tagPrefix: release-
  olderTagPrefixes: ['', v]
  preMajor: false
  initialVersion: 1.0.0
  types: { feat: minor, fix: patch, perf: patch, revert: patch, docs: none, Refactor: patch }
  sections: { docs: Documentation }
  files: [ { path: Cargo.toml, pattern: '^version = "(.*)"' } ]
  paths: [ ./crates/core/, 'crates\\cli' ]
trains:
  cadence: { every: 2w, weekday: tue, at: "10:00", timezone: Europe/Berlin, start: 2026-01-06 }
  freezeBefore: 2d
  branch: "release/{major}.{minor}.x"
  goNoGo: { approvals: 1 }
  freezeAllows: [fix, perf, revert, docs]
groups:
  leads: [alice@example.com, bob@example.com]
deploy: { run: "./deploy.sh {environment} {version}" }
environments:
  - name: dev
  - name: staging
    gates:
      - check: { name: Unit tests, run: "npm test" }
      - checklist: Database migration reviewed
  - name: production
    gates:
      - approval: { required: 2, approvers: [carol@example.com, team:leads, leads], expires: 72h }
      - soak: { in: staging, for: 24h }
      - window: { deny: ["Fri 16:00-Mon 08:00"], allow: ["Mon-Fri 08:00-18:00"], timezone: Europe/Berlin }
    hotfix: { skip: [soak, window] }
    deploy: { run: "./ship-prod.sh {version}", timeout: 1h30m }
`;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const globalDeploy = { run: './deploy.sh {environment} {version}', timeoutMs: 30 * MIN };

const EXPECTED: Policy = {
  versioning: {
    tagPrefix: 'release-',
    olderTagPrefixes: ['', 'v'],
    preMajor: false,
    initialVersion: '1.0.0',
    types: { feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch', docs: 'none', refactor: 'patch' },
    sections: {
      feat: 'Features',
      fix: 'Bug Fixes',
      perf: 'Performance Improvements',
      revert: 'Reverts',
      docs: 'Documentation',
    },
    files: [{ path: 'Cargo.toml', pattern: '^version = "(.*)"' }],
    paths: ['crates/core', 'crates/cli'],
  },
  changelog: { rollUpPrereleases: true },
  trains: {
    cadence: { everyDays: 14, weekday: 2, at: '10:00', timezone: 'Europe/Berlin', start: '2026-01-06' },
    freezeBeforeMs: 2 * DAY,
    branch: 'release/{major}.{minor}.x',
    goNoGo: { approvals: 1 },
    freezeAllows: ['fix', 'perf', 'revert', 'docs'],
  },
  environments: [
    { name: 'dev', gates: [], hotfixSkip: [], deploy: globalDeploy },
    {
      name: 'staging',
      gates: [
        { kind: 'check', name: 'Unit tests', run: 'npm test', timeoutMs: 10 * MIN },
        { kind: 'checklist', name: 'Database migration reviewed' },
      ],
      hotfixSkip: [],
      deploy: globalDeploy,
    },
    {
      name: 'production',
      gates: [
        {
          kind: 'approval',
          name: 'Approval',
          required: 2,
          approvers: ['carol@example.com', 'alice@example.com', 'bob@example.com'],
          allowSelf: false,
          expiresMs: 72 * HOUR,
        },
        { kind: 'soak', name: 'Soak in staging', in: 'staging', forMs: DAY },
        {
          kind: 'window',
          name: 'Freeze window',
          deny: ['Fri 16:00-Mon 08:00'],
          allow: ['Mon-Fri 08:00-18:00'],
          timezone: 'Europe/Berlin',
        },
      ],
      hotfixSkip: ['soak', 'window'],
      deploy: { run: './ship-prod.sh {version}', timeoutMs: 90 * MIN },
    },
  ],
  deploy: globalDeploy,
  approvals: { requireSigned: null },
};

describe('parsePolicy', () => {
  it('maps the full example to the internal policy', () => {
    expect(parsePolicy(FULL)).toEqual(EXPECTED);
  });

  it('gives defaults for an empty file and for missing sections', () => {
    expect(parsePolicy('')).toEqual(defaultPolicy());
    expect(parsePolicy('# nothing yet\n')).toEqual(defaultPolicy());
    const policy = parsePolicy('versioning:\n  tagPrefix: ""\n');
    expect(policy.versioning.tagPrefix).toBe('');
    expect(policy.versioning.types).toEqual({ feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch' });
    expect(policy.trains).toEqual(defaultPolicy().trains);
    expect(policy.environments.map((env) => env.name)).toEqual(['dev', 'staging', 'production']);
  });

  it('has sensible defaults', () => {
    const policy = defaultPolicy();
    expect(policy.versioning).toMatchObject({
      tagPrefix: 'v',
      preMajor: true,
      initialVersion: '0.1.0',
      files: [],
    });
    expect(policy.versioning.sections.feat).toBe('Features');
    expect(policy.trains).toEqual({
      cadence: null,
      freezeBeforeMs: 2 * DAY,
      branch: 'release/{major}.{minor}',
      goNoGo: { approvals: 0 },
      freezeAllows: ['fix', 'perf', 'revert'],
    });
    expect(policy.environments).toEqual(
      ['dev', 'staging', 'production'].map((name) => ({ name, gates: [], hotfixSkip: [], deploy: null })),
    );
    expect(policy.deploy).toBeNull();
  });

  it('fills gate defaults: an approval needs one approver and never expires', () => {
    const policy = parsePolicy(
      'environments:\n  - name: staging\n  - name: production\n    gates:\n      - approval: { approvers: [dana@example.com] }\n',
    );
    expect(policy.environments[1]!.gates[0]).toEqual({
      kind: 'approval',
      name: 'Approval',
      required: 1,
      approvers: ['dana@example.com'],
      allowSelf: false,
      expiresMs: null,
    });
  });
});

describe('loadPolicy', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('gives the defaults when the repository has no policy file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'policy-'));
    expect(await loadPolicy(dir)).toEqual(defaultPolicy());
  });

  it('reads .release-desk.yml from the working tree', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'policy-'));
    await writeFile(path.join(dir, '.release-desk.yml'), FULL);
    expect(await loadPolicy(dir)).toEqual(EXPECTED);
    await writeFile(path.join(dir, '.release-desk.yml'), 'trains:\n  freezeBefore: soon\n');
    await expect(loadPolicy(dir)).rejects.toThrow(
      '.release-desk.yml line 2: trains.freezeBefore must be a duration like 30s, 10m, 24h, 2d, 2w or 1h30m (got "soon")',
    );
  });
});
