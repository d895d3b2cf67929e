import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import type { Policy } from '../../../shared/domain/policy.js';
import { PolicyError } from './policy-error.js';
import type { PolicyProblem, ReleasePolicy } from './policy-error.js';
import { POLICY_LIMITS, policySchema, releasePolicySchema } from './policy-schema.js';

export const POLICY_FILE = '.release-desk.yml';

/** Top-level sections a release (version, changelog, tag) never reads: promotion and trains. */
const NOT_READ_BY_RELEASES = new Set(['trains', 'environments', 'groups', 'deploy', 'approvals']);

/** Messages for zod's built-in issues; the schema words its own checks. */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  const expected: Record<string, string> = {
    object: 'a mapping (key: value)',
    record: 'a mapping (key: value)',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
  };
  return `must be ${expected[issue.expected] ?? issue.expected}`;
}

function keyPath(segments: PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join('');
}

/**
 * Offset in the text of the deepest node the path reaches: a scalar value itself, otherwise the
 * key that holds the collection (a missing key points at its parent).
 */
function locate(doc: Document, segments: PropertyKey[]): number | null {
  let node: unknown = doc.contents;
  let offset = isScalar(node) || isMap(node) || isSeq(node) ? (node.range?.[0] ?? null) : null;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      node = pair.value;
      if (isScalar(node) && node.value !== null) offset = node.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      if (isScalar(node) || isMap(node) || isSeq(node)) offset = node.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function where(file: string, line: number | null): string {
  return line === null ? file : `${file} line ${line}`;
}

/** The file's YAML, or a PolicyError naming the line of its first syntax error. */
function readYaml(text: string, file: string): { doc: Document; lineCounter: LineCounter; data: unknown } {
  if (text.length > POLICY_LIMITS.fileChars) {
    throw new PolicyError(
      `${file} is ${Math.ceil(text.length / 1024)} KiB: a policy may be at most ${POLICY_LIMITS.fileChars / 1024} KiB (Release Desk's limit).`,
      '',
      null,
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  // Only the first: YAML errors after it are mostly its echoes.
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0].line ?? null;
    const message = syntax.message.split(/ at line \d+/)[0] ?? syntax.message;
    throw new PolicyError(`${where(file, line)}: ${message}`, '', line);
  }
  try {
    return { doc, lineCounter, data: doc.toJS() ?? {} };
  } catch (error) {
    throw new PolicyError(`${file}: ${(error as Error).message}`, '', null);
  }
}

/**
 * Every problem zod found, each with its key and line: unknown keys first (a typo there also
 * makes a required key look missing), then in file order.
 */
function problemsOf(error: z.ZodError, doc: Document, lineCounter: LineCounter): PolicyProblem[] {
  const located = error.issues.flatMap((issue) => {
    // One issue lists every unknown key of a mapping: each is its own problem, on its own line.
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((segments) => {
      const offset = locate(doc, segments);
      return {
        key: keyPath(segments),
        line: offset === null ? null : lineCounter.linePos(offset).line,
        message: issue.message,
        unknownKey: issue.code === 'unrecognized_keys',
      };
    });
  });
  located.sort(
    (a, b) =>
      Number(b.unknownKey) - Number(a.unknownKey) ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER),
  );
  return located.map(({ key, line, message }) => ({ key, line, message }));
}

/** One line per problem, each naming the file, line and key; the first is the one `key`/`line` name. */
function policyError(problems: PolicyProblem[], file: string, release: ReleasePolicy | null): PolicyError {
  const text = problems.map((p) => `${where(file, p.line)}: ${p.key || 'the file'} ${p.message}`).join('\n');
  const first = problems[0]!;
  return new PolicyError(text, first.key, first.line, problems, release);
}

/**
 * The sections a release reads, when every problem of the file lies in sections it does not
 * read (trains, environments, groups, deploy, approvals); null otherwise.
 */
function releaseSections(data: unknown, problems: PolicyProblem[]): ReleasePolicy | null {
  const outside = problems.every((p) => NOT_READ_BY_RELEASES.has(p.key.split(/[.[]/)[0]!));
  if (!outside) return null;
  const sections = releasePolicySchema.safeParse(data, { error: defaultMessage });
  return sections.success ? sections.data : null;
}

/**
 * Parses and validates a policy file's text; throws PolicyError listing every problem, each with
 * its line and key.
 */
export function parsePolicy(text: string, file = POLICY_FILE): Policy {
  const { doc, lineCounter, data } = readYaml(text, file);
  const result = policySchema.safeParse(data, { error: defaultMessage });
  if (result.success) return result.data;
  const problems = problemsOf(result.error, doc, lineCounter);
  throw policyError(problems, file, releaseSections(data, problems));
}

/** The policy used when a repository has no `.release-desk.yml`. */
export function defaultPolicy(): Policy {
  return policySchema.parse({});
}

/** The working tree's `.release-desk.yml`, or null when there is none. */
export async function readPolicyText(repoDir: string): Promise<string | null> {
  try {
    return await readFile(path.join(repoDir, POLICY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PolicyError(`${POLICY_FILE} cannot be read: ${(error as Error).message}`, '', null);
  }
}

/**
 * The working tree's policy file alone; defaults when it does not exist. What Release Desk acts
 * on is `loadRepositoryPolicy` (core/policy/committed-policy.ts): promotions read HEAD's copy.
 */
export async function loadPolicy(repoDir: string): Promise<Policy> {
  const text = await readPolicyText(repoDir);
  return text === null ? defaultPolicy() : parsePolicy(text);
}
