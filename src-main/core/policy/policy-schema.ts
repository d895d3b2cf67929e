import semver from 'semver';
import * as z from 'zod';
import type { DeployPolicy, EnvironmentPolicy, GatePolicy, Policy } from '../../../shared/domain/policy.js';
import { VERSION_PLACEHOLDER } from '../versioning/version-pattern.js';
import { parseDuration } from './durations.js';
import { parseWindowSpec } from './windows.js';
import { isValidTimeZone, parseWeekday } from './zoned-time.js';

// Every message completes the sentence "<key path> …", e.g. "trains.branch must contain …".

const DAY_MS = 86_400_000;

/**
 * How much a policy may hold. Far above any real repository's needs; they keep a hostile or
 * generated file (50,000 environments made every command take 20 s) from slowing every command.
 */
export const POLICY_LIMITS = {
  environments: 50,
  gates: 50,
  approvers: 200,
  groups: 100,
  groupMembers: 500,
  windows: 50,
  files: 50,
  paths: 50,
  olderTagPrefixes: 20,
  types: 100,
  freezeAllows: 100,
  text: 2000,
  /** Of the whole file, before it is parsed (YAML parsing is the slow part). */
  fileChars: 128 * 1024,
} as const;

/** An array of at most `max` items, checked before any item is: a huge list costs nothing. */
function bounded<T extends z.ZodType>(item: T, max: number, what: string) {
  return z
    .array(z.unknown())
    .max(max, { error: `must list at most ${max} ${what} (Release Desk's limit)` })
    .pipe(z.array(item));
}

/** A mapping of at most `max` keys, checked before any value is. */
function boundedRecord<T extends z.ZodType>(value: T, max: number, what: string) {
  return z
    .record(z.string(), z.unknown())
    .refine((record) => Object.keys(record).length <= max, {
      error: `must have at most ${max} ${what} (Release Desk's limit)`,
      abort: true,
    })
    .pipe(z.record(z.string(), value));
}
const GATE_KINDS = ['check', 'checklist', 'approval', 'soak', 'window'] as const;
const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'production'];
const DEFAULT_TYPES = { feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch' } as const;
const DEFAULT_SECTIONS = {
  feat: 'Features',
  fix: 'Bug Fixes',
  perf: 'Performance Improvements',
  revert: 'Reverts',
};

/** A strict mapping: an unknown key (usually a typo) is an error that lists the known ones. */
function mapping<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `is not a known key (known: ${known})` : undefined,
  });
}

/** A string that `convert` turns into a value; null or a throw means invalid. */
function parsed<T>(expectation: string, convert: (value: string) => T | null) {
  const error = (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : expectation);
  return z.string({ error }).transform((value, ctx) => {
    let result: T | null = null;
    let detail = `got "${value}"`;
    try {
      result = convert(value);
    } catch (error) {
      detail = (error as Error).message;
    }
    if (result !== null) return result;
    ctx.addIssue({ code: 'custom', message: `${expectation} (${detail})` });
    return z.NEVER;
  });
}

const nonEmpty = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(POLICY_LIMITS.text, { error: `must be at most ${POLICY_LIMITS.text} characters` });
const flag = z.boolean({ error: 'must be true or false' });
const positiveInt = z
  .number({ error: 'must be a positive integer' })
  .int({ error: 'must be a positive integer' })
  .positive({ error: 'must be a positive integer' });
const countInt = z
  .number({ error: 'must be a whole number ≥ 0' })
  .int({ error: 'must be a whole number ≥ 0' })
  .nonnegative({ error: 'must be a whole number ≥ 0' });
const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, { error: 'must be an email address' });

/** parseDuration's own message would repeat the expectation, so just say what was written. */
function milliseconds(text: string): number | null {
  try {
    return parseDuration(text);
  } catch {
    return null;
  }
}

const durationExpectation = 'must be a duration like 30s, 10m, 24h, 2d, 2w or 1h30m';
const duration = parsed(durationExpectation, (v) => {
  const ms = milliseconds(v);
  return ms !== null && ms > 0 ? ms : null;
});
const durationOrZero = parsed(durationExpectation, milliseconds);
const timeZone = parsed('must be an IANA time zone like Europe/Berlin', (v) =>
  isValidTimeZone(v) ? v : null,
);
const windowSpec = parsed('must be a window spec', (v) => {
  parseWindowSpec(v);
  return v.trim();
});

const versionFile = mapping({
  path: nonEmpty,
  pattern: parsed(
    `must be text around one ${VERSION_PLACEHOLDER} placeholder, or a regular expression with a capture group for the version`,
    (v) => {
      if (v.length > POLICY_LIMITS.text) throw new Error(`it is over ${POLICY_LIMITS.text} characters`);
      if (v.includes(VERSION_PLACEHOLDER)) {
        if (v.split(VERSION_PLACEHOLDER).length !== 2)
          throw new Error(`it has more than one ${VERSION_PLACEHOLDER}`);
        if (v.trim() === VERSION_PLACEHOLDER) throw new Error(`it needs text around ${VERSION_PLACEHOLDER}`);
        return v;
      }
      new RegExp(v, 'm');
      // Matching the empty alternative reveals how many groups the pattern has.
      if (new RegExp(`${v}|`).exec('')!.length < 2) throw new Error('it has no capture group');
      return v;
    },
  ),
});

/** A directory or file of the repository, as git names it: relative, `/`-separated, never above the root. */
const repositoryPath = parsed('must be a path inside the repository, like packages/api', (v) => {
  const path = v
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  const outside = path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..');
  return path === '' || outside || path.includes('\0') || path.length > POLICY_LIMITS.text ? null : path;
});

/** Commit types are compared lower-cased everywhere. */
const lowerKeys = <T>(record: Record<string, T>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));

/** An older tag prefix: any text (`""` is bare versions), within the text limit. */
const olderTagPrefix = z
  .string({ error: 'must be text' })
  .max(POLICY_LIMITS.text, { error: `must be at most ${POLICY_LIMITS.text} characters` });

const versioningSchema = mapping({
  tagPrefix: z.string().default('v'),
  olderTagPrefixes: bounded(olderTagPrefix, POLICY_LIMITS.olderTagPrefixes, 'prefixes').default(() => []),
  preMajor: flag.default(true),
  initialVersion: parsed('must be a SemVer version like 0.1.0', (v) => semver.valid(v)).default('0.1.0'),
  types: boundedRecord(
    z.enum(['major', 'minor', 'patch', 'none'], {
      error: 'must be one of major, minor, patch, none',
    }),
    POLICY_LIMITS.types,
    'commit types',
  )
    .default({})
    .transform((types) => ({ ...DEFAULT_TYPES, ...lowerKeys(types) })),
  sections: boundedRecord(nonEmpty, POLICY_LIMITS.types, 'sections')
    .default({})
    .transform((sections) => ({ ...DEFAULT_SECTIONS, ...lowerKeys(sections) })),
  files: bounded(versionFile, POLICY_LIMITS.files, 'files').default(() => []),
  paths: bounded(repositoryPath, POLICY_LIMITS.paths, 'paths').default(() => []),
})
  .superRefine(({ tagPrefix, olderTagPrefixes }, ctx) => {
    // A prefix read twice would make every tag behind it two releases of one version.
    olderTagPrefixes.forEach((prefix, i) => {
      const path = ['olderTagPrefixes', i];
      if (prefix === tagPrefix) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `must differ from versioning.tagPrefix ("${prefix}")`,
        });
      } else if (olderTagPrefixes.indexOf(prefix) < i) {
        ctx.addIssue({ code: 'custom', path, message: `repeats the prefix "${prefix}"` });
      }
    });
  })
  .prefault({});

const cadenceSchema = mapping({
  every: parsed('must be a whole number of days like 7d or 2w', (v) => {
    const ms = milliseconds(v) ?? 0;
    return ms > 0 && ms % DAY_MS === 0 ? ms / DAY_MS : null;
  }),
  weekday: parsed('must be a weekday (sun…sat or its full name)', parseWeekday),
  at: parsed('must be a time of day HH:MM (24 h)', (v) => {
    const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(v.trim());
    return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
  }),
  timezone: timeZone,
  start: parsed('must be a date YYYY-MM-DD', (v) => {
    const text = v.trim();
    const date = new Date(`${text}T00:00:00Z`);
    // Reading the date back rejects days a month does not have.
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime());
    return valid && date.toISOString().startsWith(text) ? text : null;
  }),
}).transform(({ every, ...rest }) => ({ everyDays: every, ...rest }));

const trainsSchema = mapping({
  cadence: cadenceSchema.nullish().transform((cadence) => cadence ?? null),
  freezeBefore: durationOrZero.default(2 * DAY_MS),
  branch: z
    .string()
    .refine((b) => b.includes('{major}') && b.includes('{minor}'), {
      error: 'must contain {major} and {minor}',
    })
    .default('release/{major}.{minor}'),
  goNoGo: mapping({ approvals: countInt.default(0) }).prefault({}),
  freezeAllows: bounded(nonEmpty, POLICY_LIMITS.freezeAllows, 'commit types')
    .default(() => ['fix', 'perf', 'revert'])
    .transform((types) => types.map((t) => t.toLowerCase())),
})
  .transform(({ freezeBefore, ...rest }) => ({ ...rest, freezeBeforeMs: freezeBefore }))
  .prefault({});

const deploySchema = mapping({ run: nonEmpty, timeout: duration.default(30 * 60_000) }).transform(
  ({ run, timeout }): DeployPolicy => ({ run, timeoutMs: timeout }),
);

const gateSchema = mapping({
  check: mapping({ name: nonEmpty, run: nonEmpty, timeout: duration.default(10 * 60_000) }),
  checklist: nonEmpty,
  approval: mapping({
    required: positiveInt.default(1),
    approvers: bounded(nonEmpty, POLICY_LIMITS.approvers, 'approvers').pipe(
      z.array(z.string()).min(1, { error: 'must list at least one approver' }),
    ),
    allowSelf: flag.default(false),
    expires: duration.optional(),
  }),
  soak: mapping({ in: nonEmpty, for: duration }),
  window: mapping({
    deny: bounded(windowSpec, POLICY_LIMITS.windows, 'windows').default(() => []),
    allow: bounded(windowSpec, POLICY_LIMITS.windows, 'windows').default(() => []),
    timezone: timeZone,
  }).refine((w) => w.deny.length + w.allow.length > 0, {
    error: 'must list deny or allow windows',
  }),
})
  .partial()
  .transform((gate, ctx): GatePolicy => {
    if (GATE_KINDS.filter((kind) => gate[kind] !== undefined).length !== 1) {
      ctx.addIssue({ code: 'custom', message: `must be exactly one of ${GATE_KINDS.join(', ')}` });
      return z.NEVER;
    }
    const { check, checklist, approval, soak, window } = gate;
    if (check) return { kind: 'check', name: check.name, run: check.run, timeoutMs: check.timeout };
    if (checklist !== undefined) return { kind: 'checklist', name: checklist };
    if (approval) {
      const { required, approvers, allowSelf, expires } = approval;
      const expiresMs = expires ?? null;
      return { kind: 'approval', name: 'Approval', required, approvers, allowSelf, expiresMs };
    }
    if (soak) return { kind: 'soak', name: `Soak in ${soak.in}`, in: soak.in, forMs: soak.for };
    return { kind: 'window', name: 'Freeze window', ...window! };
  });

const environmentSchema = mapping({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, {
    error: 'must be a non-empty name of letters, digits, "-" and "_"',
  }),
  gates: bounded(gateSchema, POLICY_LIMITS.gates, 'gates').default(() => []),
  hotfix: mapping({
    skip: bounded(
      z.enum(GATE_KINDS, { error: `must be one of ${GATE_KINDS.join(', ')}` }),
      GATE_KINDS.length,
      'gate kinds',
    ).default(() => []),
  }).optional(),
  rollback: mapping({
    recheck: bounded(
      z.enum(GATE_KINDS, { error: `must be one of ${GATE_KINDS.join(', ')}` }),
      GATE_KINDS.length,
      'gate kinds',
    ),
  }).optional(),
  deploy: deploySchema.optional(),
}).transform(({ name, gates, hotfix, rollback, deploy }): EnvironmentPolicy => ({
  name,
  gates,
  hotfixSkip: hotfix?.skip ?? [],
  // Only when the file says so: an environment's snapshot (and its hash) stays as it was otherwise.
  ...(rollback ? { rollbackRecheck: rollback.recheck } : {}),
  deploy: deploy ?? null,
}));

type Issue = (path: (string | number)[], message: string) => void;

/** Expands `team:NAME` and bare group names to the group's emails, keeping order, no repeats. */
function expandApprovers(
  approvers: string[],
  groups: Record<string, string[]>,
  at: (string | number)[],
  issue: Issue,
): string[] {
  const expanded = approvers.flatMap((entry, index) => {
    if (entry.includes('@') && !entry.startsWith('team:')) return [entry];
    const group = entry.replace(/^team:/, '');
    const members = Object.hasOwn(groups, group) ? groups[group] : undefined;
    if (!members) issue([...at, index], `names no email and no group in groups ("${entry}")`);
    return members ?? [];
  });
  return [...new Set(expanded)];
}

/** Checks that span sections: names, ordering of soaks, group references, hotfix skips. */
function crossCheck(
  environments: EnvironmentPolicy[],
  groups: Record<string, string[]>,
  global: DeployPolicy | null,
  issue: Issue,
): EnvironmentPolicy[] {
  const names = environments.map((env) => env.name);
  return environments.map((env, i) => {
    const at = ['environments', i];
    if (names.indexOf(env.name) !== i) issue([...at, 'name'], `repeats environment "${env.name}"`);
    env.hotfixSkip.forEach((kind, n) => {
      if (kind === 'approval') {
        issue([...at, 'hotfix', 'skip', n], 'may not skip approval, not even for hotfixes');
      }
    });
    const gateNames = new Set<string>();
    const gates = env.gates.map((gate, j): GatePolicy => {
      const gateAt = [...at, 'gates', j];
      if (gateNames.has(gate.name)) issue(gateAt, `repeats the gate name "${gate.name}"`);
      gateNames.add(gate.name);
      if (gate.kind === 'soak') {
        const index = names.indexOf(gate.in);
        if (index < 0) issue([...gateAt, 'soak', 'in'], `names no environment ("${gate.in}")`);
        else if (index >= i) {
          issue([...gateAt, 'soak', 'in'], `must name an environment before "${env.name}"`);
        }
      }
      if (gate.kind !== 'approval') return gate;
      const approvers = expandApprovers(gate.approvers, groups, [...gateAt, 'approval', 'approvers'], issue);
      if (gate.required > approvers.length) {
        const message = `must not exceed the number of approvers (${approvers.length})`;
        issue([...gateAt, 'approval', 'required'], message);
      }
      return { ...gate, approvers };
    });
    return { ...env, gates, deploy: env.deploy ?? global };
  });
}

const changelogSchema = mapping({
  rollUpPrereleases: flag.default(true),
}).prefault({});

const approvalsSchema = mapping({
  requireSigned: flag.optional(),
})
  .transform(({ requireSigned }) => ({ requireSigned: requireSigned ?? null }))
  .prefault({});

/**
 * Just the sections a release reads, other keys ignored: what a release can still use when only
 * promotion or train keys are wrong.
 */
export const releasePolicySchema = z.object({
  versioning: versioningSchema,
  changelog: changelogSchema,
});

/** The whole file: validates, applies defaults and maps to the internal Policy. */
export const policySchema = mapping({
  versioning: versioningSchema,
  changelog: changelogSchema,
  trains: trainsSchema,
  environments: bounded(environmentSchema, POLICY_LIMITS.environments, 'environments')
    .pipe(z.array(z.custom<EnvironmentPolicy>()).min(1, { error: 'must list at least one environment' }))
    .default(() => DEFAULT_ENVIRONMENTS.map((name) => ({ name, gates: [], hotfixSkip: [], deploy: null }))),
  groups: boundedRecord(
    bounded(email, POLICY_LIMITS.groupMembers, 'members'),
    POLICY_LIMITS.groups,
    'groups',
  ).default({}),
  deploy: deploySchema.optional(),
  approvals: approvalsSchema,
}).transform((raw, ctx): Policy => {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  const deploy = raw.deploy ?? null;
  const environments = crossCheck(raw.environments, raw.groups, deploy, issue);
  return {
    versioning: raw.versioning,
    changelog: raw.changelog,
    trains: raw.trains,
    environments,
    deploy,
    approvals: raw.approvals,
  };
});
