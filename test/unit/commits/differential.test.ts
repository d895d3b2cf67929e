import createPreset from 'conventional-changelog-conventionalcommits';
import { CommitParser } from 'conventional-commits-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommitMessage } from '../../../src-main/core/commits/parse-message.js';

/**
 * Release Desk's parser against conventional-commits-parser with the conventionalcommits
 * preset, over generated messages. They must agree on a commit's own header (type, scope,
 * subject) and on whether it is breaking, except where a difference below applies: each is
 * intentional, says why, and has an example on which the two really differ.
 */

const library = new CommitParser(createPreset().parser);

type Field = 'type' | 'scope' | 'subject' | 'breaking';
const FIELDS: readonly Field[] = ['type', 'scope', 'subject', 'breaking'];
type Reading = Record<Field, string | boolean | null>;

const NOT_CONVENTIONAL: Reading = { type: null, scope: null, subject: null, breaking: false };

function ours(message: string): Reading {
  const change = parseCommitMessage(message)[0]!;
  if (!change.conventional) return NOT_CONVENTIONAL;
  const { type, scope, subject, breaking } = change;
  return { type, scope, subject, breaking };
}

// A header without a type is not a commit to either side, whatever notes the library found.
function theirs(message: string): Reading {
  const commit = library.parse(message);
  if (!commit.type) return NOT_CONVENTIONAL;
  return {
    type: commit.type,
    scope: commit.scope ?? null,
    subject: commit.subject ?? null,
    breaking: commit.notes.length > 0,
  };
}

/** The library's header: the first line once leading newlines are gone. */
function firstLine(message: string): string {
  return message.replace(/^[\r\n]+/, '').split(/\r?\n/, 1)[0]!;
}

/** Lines after the header, as both parsers split them. */
function bodyLines(message: string): string[] {
  return message
    .replace(/^[\r\n]+/, '')
    .split(/\r?\n/)
    .slice(1);
}

// The library's note line (any case, colon optional, `*`/`|` in front) and ours (the spec's).
const LIBRARY_NOTE = /^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+/i;
const OUR_NOTE = /^\s*BREAKING[ -]CHANGE:(?: |$)/;
// A squash sub-change header: a bullet, a lower-case header right after a blank line, or one at
// column 0 in a trailer block (a paragraph of only headers, footers and indented continuations).
const SUB_BULLET = /^\s*[*-]\s+[a-zA-Z]+(?:\([^)\n]*[^\s)][^)\n]*\))?!?: \s*\S/;
const SUB_PLAIN = /^\s*[a-z]+(?:\([^)\n]*[^\s)][^)\n]*\))?!?: \s*\S/;
const FOOTER_LIKE = /^(?:\s*BREAKING[ -]CHANGE:|[A-Za-z][A-Za-z0-9-]*(?:: | #))/;

function inTrailerBlock(lines: string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && lines[j]!.trim() !== ''; j--) {
    const line = lines[j]!;
    const continuation = /^\s/.test(line) && j > 0 && lines[j - 1]!.trim() !== '';
    if (!SUB_BULLET.test(line) && !SUB_PLAIN.test(line) && !FOOTER_LIKE.test(line) && !continuation) {
      return false;
    }
  }
  return true;
}

function subChangeAt(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (SUB_BULLET.test(line)) return true;
  if (!SUB_PLAIN.test(line)) return false;
  if (i > 0 && lines[i - 1]!.trim() === '') return true;
  return !/^\s/.test(line) && inTrailerBlock(lines, i);
}

interface Difference {
  reason: string;
  /** What is not compared where it applies ('all': not even whether the header is conventional). */
  fields: readonly Field[] | 'all';
  applies: (message: string) => boolean;
  /** A message on which the two parsers differ for this reason alone. */
  example: string;
}

const DIFFERENCES: Difference[] = [
  {
    reason:
      'A type is letters only, as the spec has it: the library’s `\\w*` also takes digits, `_` and an empty type (`feat2: x`, `: x`).',
    fields: 'all',
    applies: (m) => !/^[a-zA-Z]+$/.test(/^\w*/.exec(firstLine(m))![0]),
    example: 'feat2: add x',
  },
  {
    reason:
      'Types are case-insensitive, so they are lower-cased (`Feat: x` is a feat); the library keeps `Feat`.',
    fields: ['type'],
    applies: (m) => /^\w*[A-Z]/.test(firstLine(m)),
    example: 'Feat: add x',
  },
  {
    reason:
      'A header indented or after a blank-looking line still counts (the line is trimmed); the library needs the type at column 0.',
    fields: 'all',
    applies: (m) => /^\s/.test(firstLine(m)),
    example: '  feat: add x',
  },
  {
    reason:
      'The scope ends at the first `)`: the library’s greedy `(.*)` runs to the last `)` before `: `, so `fix(a): b (c): d` gets scope `a): b (c`, and it accepts `feat(a)(b): x`.',
    fields: 'all',
    applies: (m) => /^\w*\([^)]*\).*\)!?: /.test(firstLine(m)),
    example: 'fix(a): b (c): d',
  },
  {
    reason:
      'A blank scope `()` names no noun, so the header is not conventional; the library reads it as no scope.',
    fields: 'all',
    applies: (m) => /^\w*\(\s*\)/.test(firstLine(m)),
    example: 'fix(): x',
  },
  {
    reason: 'A scope is trimmed, so `( runtime-core)` groups with `(runtime-core)`.',
    fields: ['scope'],
    applies: (m) => /^\w*\((?:\s[^)]*|[^)]*\s)\)/.test(firstLine(m)),
    example: 'fix( runtime-core): x',
  },
  {
    reason:
      'A blank description is not a commit (the spec requires one); the library accepts `feat:  ` with a blank subject.',
    fields: 'all',
    applies: (m) => /^\w*(?:\([^)]*\))?!?: \s*$/.test(firstLine(m)),
    example: 'feat:  ',
  },
  {
    reason: 'The subject is trimmed: spaces around it are layout, not text.',
    fields: ['subject'],
    applies: (m) => /^\w*(?:\([^)]*\))?!?: (?:\s|.*\s$)/.test(firstLine(m)),
    example: 'feat:  add x ',
  },
  {
    reason:
      'git’s `Revert "<header>"` is a revert, as `git revert` writes it; the preset only knows `revert:` headers.',
    fields: 'all',
    applies: (m) => /^Revert ".+"\s*$/.test(firstLine(m)),
    example: 'Revert "feat: add x"\n\nThis reverts commit 0123456.',
  },
  {
    reason:
      'Only the spec’s upper-case `BREAKING CHANGE:` / `BREAKING-CHANGE:` (then a space or the line end) is a note; the library takes any case, no colon and `*` or `|` in front, so prose such as "Breaking change is unlikely" breaks.',
    fields: ['breaking'],
    applies: (m) => bodyLines(m).some((line) => LIBRARY_NOTE.test(line) && !OUR_NOTE.test(line)),
    example: 'fix: x\n\nbreaking change: lower case',
  },
  {
    reason:
      'A line such as `---` is text (a Markdown rule); the library reads `-x-` as a field and swallows every line after it, notes included.',
    fields: ['breaking'],
    applies: (m) => bodyLines(m).some((line) => /^-.*-$/.test(line)),
    example: 'fix: x\n\nabove\n---\nBREAKING CHANGE: below the rule',
  },
  {
    reason:
      'A breaking note under a squash sub-change (`* feat: a`, a header after a blank line, or stacked headers `feat: a` / `fix: b` as release-please reads them) breaks that sub-change, not the squash commit’s own header; the library has no sub-changes.',
    fields: ['breaking'],
    applies: (m) => {
      const lines = bodyLines(m);
      const first = lines.findIndex((_, i) => subChangeAt(lines, i));
      return first >= 0 && lines.slice(first + 1).some((line) => LIBRARY_NOTE.test(line));
    },
    example: 'feat: squash\n\n* feat: a\n\n* fix: b\n\nBREAKING CHANGE: b breaks',
  },
  {
    reason:
      'Comment lines and everything below git’s scissors line are not part of the message (git strips them); the library, given no comment character, reads them.',
    fields: 'all',
    applies: (m) => m.split(/\r?\n/).some((line) => line.startsWith('#') || /-{24} >8 -{24}/.test(line)),
    example: '# Please enter the commit message\nfeat: add x',
  },
];

function differingFields(message: string): Set<Field> {
  const skipped = new Set<Field>();
  for (const difference of DIFFERENCES) {
    if (!difference.applies(message)) continue;
    for (const field of difference.fields === 'all' ? FIELDS : difference.fields) skipped.add(field);
  }
  return skipped;
}

// ---- Generated messages ----

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const weighted = <T>(...parts: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> =>
  fc.oneof(...parts.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const TYPE = weighted<string>(
  [14, pick('feat', 'fix', 'chore', 'docs', 'perf', 'refactor', 'revert', 'build', 'ci', 'test', 'style')],
  [1, pick('Feat', 'FIX', 'fEaT', 'Docs')],
  [1, fc.stringMatching(/^[a-zA-Z0-9_]{0,6}$/)],
);
const SCOPE_CHARS = [...'abcxyz019@/.-_$*,:!#([]{}<>+~é中 \t'];
const SCOPE = fc.option(
  weighted<string>(
    [
      4,
      pick(
        '@angular/cli',
        '@angular-devkit/build-angular',
        '@scope/pkg',
        'api, ui',
        'select,autocomplete',
        '$browser',
        '*',
        'material/*',
        'mdc chips',
        ' runtime-core',
        'deps-dev',
        'package.json',
        'v1.2',
        '',
      ),
    ],
    [3, fc.string({ unit: pick(...SCOPE_CHARS), maxLength: 12 })],
  ),
  { nil: null, freq: 3 },
);
const WORD = weighted<string>(
  [10, pick('add', 'x', 'login', 'form', 'the', 'api', 'drop', 'Node', 'support', 'café')],
  [
    3,
    pick(
      '(#12)',
      '#7',
      'GH-3',
      'owner/repo#4',
      'C#7',
      '#fff',
      '(c)',
      'a): b',
      ')',
      '(',
      ':',
      ': x',
      '!',
      '"q"',
    ),
  ],
);
const SUBJECT = weighted<string>(
  [10, fc.array(WORD, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '))],
  [1, pick('', ' ', '  padded  ', 'trailing ')],
);
const SEPARATOR = weighted<string>([12, fc.constant(': ')], [1, pick(':', ' : ', ':  ', ': \t')]);

const CONVENTIONAL_HEADER = fc
  .tuple(
    TYPE,
    SCOPE,
    fc.boolean(),
    SEPARATOR,
    SUBJECT,
    weighted<string>([12, fc.constant('')], [1, pick(' ', '  ')]),
  )
  .map(
    ([type, scope, bang, separator, subject, indent]) =>
      `${indent}${type}${scope === null ? '' : `(${scope})`}${bang ? '!' : ''}${separator}${subject}`,
  );
const OTHER_HEADER = weighted<string>(
  [
    3,
    pick(
      'Update README',
      'Merge pull request #12 from x/y',
      "Merge branch 'feature/x'",
      'Fixed bug: the thing',
      'Revert "feat: add x"',
      'feat(a)(b): x',
      'feat!(api): x',
      'feat(): x',
      'WIP',
    ),
  ],
  [1, fc.string({ unit: fc.constantFrom(...'abAB(): !@/#'), minLength: 1, maxLength: 20 })],
);
const HEADER = weighted<string>([6, CONVENTIONAL_HEADER], [1, OTHER_HEADER]);

const PROSE = fc.array(WORD, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
const BODY_LINE = weighted<string>(
  [8, PROSE],
  [1, pick('---', '- item', '* item', 'see https://example.com/a#b', 'Token: inside a paragraph')],
);
const PARAGRAPH = fc.array(BODY_LINE, { minLength: 1, maxLength: 3 });
const FOOTER = weighted<string>(
  [
    12,
    pick(
      'BREAKING CHANGE: the api changed',
      'BREAKING-CHANGE: hyphen form',
      'BREAKING CHANGE:',
      '  BREAKING CHANGE: indented',
      'Closes #12',
      'Refs: #1, #2',
      'Reviewed-by: Z',
      'Release-As: 1.0.0',
      'Signed-off-by: A <a@b.c>',
      'This reverts commit 0123456789abcdef.',
    ),
  ],
  [
    1,
    pick(
      'BREAKING CHANGE:x',
      '* BREAKING CHANGE: bulleted',
      'breaking change: lower case',
      'Breaking Change: title case',
      'BREAKING CHANGE is described in the docs',
    ),
  ],
);
const SUB_CHANGE = fc
  .tuple(
    // '' opens a paragraph; 'stacked' follows the line above, as in release-please's footers.
    pick('* ', '- ', '  * ', '', 'stacked'),
    CONVENTIONAL_HEADER,
    fc.array(weighted<string>([3, PROSE.map((p) => `  ${p}`)], [1, FOOTER]), { maxLength: 2 }),
  )
  .map(([bullet, header, lines]) => {
    const prefix = bullet === 'stacked' ? '' : bullet;
    return [bullet === '' ? '' : null, `${prefix}${header}`, ...lines];
  });
const SQUASH_BODY = fc
  .array(SUB_CHANGE, { minLength: 1, maxLength: 4 })
  .map((subs) => subs.flatMap((lines) => lines.filter((line): line is string => line !== null)));
const COMMENTS = pick(
  ['# Please enter the commit message'],
  ['# ------------------------ >8 ------------------------', 'BREAKING CHANGE: below the scissors'],
);

const MESSAGE = fc
  .record({
    header: HEADER,
    paragraphs: fc.array(PARAGRAPH, { maxLength: 2 }),
    squash: weighted<string[] | null>([3, fc.constant(null)], [1, SQUASH_BODY]),
    footers: fc.array(FOOTER, { maxLength: 3 }),
    comments: weighted<string[] | null>([20, fc.constant(null)], [1, COMMENTS]),
    crlf: weighted<boolean>([9, fc.constant(false)], [1, fc.constant(true)]),
  })
  .map(({ header, paragraphs, squash, footers, comments, crlf }) => {
    const lines = [header];
    for (const paragraph of paragraphs) lines.push('', ...paragraph);
    if (squash) lines.push('', ...squash);
    if (footers.length > 0) lines.push('', ...footers);
    if (comments) lines.push(...comments);
    return lines.join(crlf ? '\r\n' : '\n');
  })
  .filter((message) => message.trim() !== '');

describe('differential: the parser against conventional-commits-parser (conventionalcommits preset)', () => {
  it.each(DIFFERENCES.map((d) => [d.reason, d] as const))('difference is real: %s', (_reason, difference) => {
    expect(difference.applies(difference.example)).toBe(true);
    const fields = difference.fields === 'all' ? FIELDS : difference.fields;
    const [a, b] = [ours(difference.example), theirs(difference.example)];
    expect(fields.some((field) => a[field] !== b[field])).toBe(true);
  });

  it('agrees on type, scope, subject and breaking over generated messages, but for the listed differences', () => {
    const runs = 5000;
    let fullyCompared = 0;
    let conventional = 0;
    const used = new Set<string>();
    fc.assert(
      fc.property(MESSAGE, (message) => {
        const skipped = differingFields(message);
        for (const d of DIFFERENCES) if (d.applies(message)) used.add(d.reason);
        const [a, b] = [ours(message), theirs(message)];
        for (const field of FIELDS) {
          if (!skipped.has(field)) expect({ field, value: a[field] }).toEqual({ field, value: b[field] });
        }
        if (skipped.size === 0) fullyCompared += 1;
        if (skipped.size === 0 && a.type !== null) conventional += 1;
      }),
      { numRuns: runs },
    );
    // The differences must not swallow the run: a third of the messages are compared in full,
    // most of those conventional; and every listed difference shows up.
    expect(fullyCompared).toBeGreaterThan(runs / 3);
    expect(conventional).toBeGreaterThan(runs / 4);
    expect(used.size).toBe(DIFFERENCES.length);
  });

  it('reads each squash sub-change header as the library reads that header alone', () => {
    fc.assert(
      fc.property(SQUASH_BODY, HEADER, (body, header) => {
        const [, ...subs] = parseCommitMessage([header, '', ...body].join('\n'));
        for (const sub of subs) {
          const skipped = differingFields(sub.header);
          const a = ours(sub.header);
          const b = theirs(sub.header);
          for (const field of ['type', 'scope', 'subject'] as const) {
            if (!skipped.has(field)) expect({ field, value: a[field] }).toEqual({ field, value: b[field] });
          }
          expect(a.type).toBe(sub.type);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
