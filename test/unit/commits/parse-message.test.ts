import { describe, expect, it } from 'vitest';
import type { ParsedChange, RevertTarget } from '../../../shared/domain/commits.js';
import { parseCommitMessage } from '../../../src-main/core/commits/parse-message.js';

/** What a case expects of one change; omitted fields take the values of a plain change. */
interface Expected {
  type: string | null;
  subject: string;
  scope?: string | null;
  breaking?: boolean;
  notes?: string[];
  references?: string[];
  releaseAs?: string | null;
  revert?: RevertTarget | null;
  conventional?: boolean;
  /** Only checked when given. */
  body?: string | null;
  header?: string;
}

function expected(e: Expected): Partial<ParsedChange> {
  return {
    type: e.type,
    subject: e.subject,
    scope: e.scope ?? null,
    breaking: e.breaking ?? false,
    notes: (e.notes ?? []).map((text) => ({ text })),
    references: e.references ?? [],
    releaseAs: e.releaseAs ?? null,
    revert: e.revert ?? null,
    conventional: e.conventional ?? e.type !== null,
    ...(e.body !== undefined ? { body: e.body } : {}),
    ...(e.header !== undefined ? { header: e.header } : {}),
  };
}

function actual(change: ParsedChange, e: Expected): Partial<ParsedChange> {
  const { type, subject, scope, breaking, notes, references, releaseAs, revert } = change;
  return {
    type,
    subject,
    scope,
    breaking,
    notes,
    references,
    releaseAs,
    revert,
    conventional: change.conventional,
    ...(e.body !== undefined ? { body: change.body } : {}),
    ...(e.header !== undefined ? { header: change.header } : {}),
  };
}

const SHA = '0123456789abcdef0123456789abcdef01234567';

// [name, message, the first change | every change in order]
const cases: [string, string, Expected | Expected[]][] = [
  // Conventional Commits 1.0.0 examples
  [
    'spec: description and breaking change footer',
    'feat: allow provided config object to extend other configs\n\nBREAKING CHANGE: `extends` key in config file is now used for extending other config files',
    {
      type: 'feat',
      subject: 'allow provided config object to extend other configs',
      breaking: true,
      notes: ['`extends` key in config file is now used for extending other config files'],
    },
  ],
  [
    'spec: ! to draw attention to breaking change',
    'feat!: send an email to the customer when a product is shipped',
    {
      type: 'feat',
      subject: 'send an email to the customer when a product is shipped',
      breaking: true,
      notes: ['send an email to the customer when a product is shipped'],
    },
  ],
  [
    'spec: scope and !',
    'feat(api)!: send an email to the customer when a product is shipped',
    {
      type: 'feat',
      scope: 'api',
      subject: 'send an email to the customer when a product is shipped',
      breaking: true,
      notes: ['send an email to the customer when a product is shipped'],
    },
  ],
  [
    'spec: both ! and BREAKING CHANGE footer (one note, the footer)',
    'chore!: drop support for Node 6\n\nBREAKING CHANGE: use JavaScript features not available in Node 6.',
    {
      type: 'chore',
      subject: 'drop support for Node 6',
      breaking: true,
      notes: ['use JavaScript features not available in Node 6.'],
    },
  ],
  [
    'spec: no body',
    'docs: correct spelling of CHANGELOG',
    { type: 'docs', subject: 'correct spelling of CHANGELOG', body: null },
  ],
  [
    'spec: scope',
    'feat(lang): add Polish language',
    { type: 'feat', scope: 'lang', subject: 'add Polish language' },
  ],
  [
    'spec: multi-paragraph body and multiple footers',
    'fix: prevent racing of requests\n\nIntroduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.\n\nReviewed-by: Z\nRefs: #123',
    {
      type: 'fix',
      subject: 'prevent racing of requests',
      references: ['#123'],
      body: 'Introduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.',
    },
  ],
  [
    'spec: revert with Refs footer',
    'revert: let us never again speak of the noodle incident\n\nRefs: 676104e, a215868',
    {
      type: 'revert',
      subject: 'let us never again speak of the noodle incident',
      revert: { header: 'let us never again speak of the noodle incident', sha: null },
    },
  ],
  // Type case (library keeps `Feat`)
  ['type is case-insensitive: Feat', 'Feat: capitalised type', { type: 'feat', subject: 'capitalised type' }],
  ['type is case-insensitive: FIX', 'FIX: upper-case type', { type: 'fix', subject: 'upper-case type' }],
  [
    'mixed-case type, scope kept as written',
    'fEaT(Api): mixed case',
    { type: 'feat', scope: 'Api', subject: 'mixed case' },
  ],
  // Breaking change tokens
  [
    'BREAKING-CHANGE footer is a synonym',
    'fix: x\n\nBREAKING-CHANGE: hyphen form',
    { type: 'fix', subject: 'x', breaking: true, notes: ['hyphen form'] },
  ],
  [
    'lower-case breaking change is not a note (library accepts it)',
    'fix: x\n\nbreaking change: lower case',
    { type: 'fix', subject: 'x', body: 'breaking change: lower case' },
  ],
  [
    'title-case Breaking Change is not a note',
    'fix: x\n\nBreaking Change: title case',
    { type: 'fix', subject: 'x', body: 'Breaking Change: title case' },
  ],
  [
    'lower-case breaking-change is an ordinary footer',
    'fix: x\n\nbreaking-change: lower hyphen',
    { type: 'fix', subject: 'x', body: null },
  ],
  [
    'BREAKING CHANGE without colon is prose (library makes a note)',
    'fix: x\n\nBREAKING CHANGE is described in the docs',
    { type: 'fix', subject: 'x', body: 'BREAKING CHANGE is described in the docs' },
  ],
  [
    'BREAKING CHANGE value starting on the next line',
    'fix: x\n\nBREAKING CHANGE:\nvalue on the next line',
    { type: 'fix', subject: 'x', breaking: true, notes: ['value on the next line'] },
  ],
  [
    'multi-line note across paragraphs',
    'fix: x\n\nBREAKING CHANGE: first\nsecond line\n\nthird paragraph',
    { type: 'fix', subject: 'x', breaking: true, notes: ['first\nsecond line\n\nthird paragraph'] },
  ],
  [
    'note ends at the next footer (library folds Reviewed-by into it)',
    'fix: x\n\nBREAKING CHANGE: the api\nchanged a lot\nReviewed-by: Z',
    { type: 'fix', subject: 'x', breaking: true, notes: ['the api\nchanged a lot'] },
  ],
  [
    'two notes',
    'fix: x\n\nBREAKING CHANGE: a\nBREAKING-CHANGE: b',
    { type: 'fix', subject: 'x', breaking: true, notes: ['a', 'b'] },
  ],
  [
    'note followed by a reference footer',
    'fix: x\n\nBREAKING CHANGE: a\nCloses #9',
    { type: 'fix', subject: 'x', breaking: true, notes: ['a'], references: ['#9'] },
  ],
  [
    '! with footer keeps only the footer note',
    'feat!: x\n\nBREAKING CHANGE: explained',
    { type: 'feat', subject: 'x', breaking: true, notes: ['explained'] },
  ],
  [
    'breaking line inside the last body paragraph',
    'feat: x\n\nsome text\nBREAKING CHANGE: y',
    { type: 'feat', subject: 'x', breaking: true, notes: ['y'], body: 'some text' },
  ],
  [
    'footer directly under the header',
    'fix: x\nBREAKING CHANGE: y',
    { type: 'fix', subject: 'x', breaking: true, notes: ['y'] },
  ],
  [
    'empty BREAKING CHANGE value falls back to the subject',
    'fix: drop old api\n\nBREAKING CHANGE:',
    { type: 'fix', subject: 'drop old api', breaking: true, notes: ['drop old api'] },
  ],
  [
    'breaking type that causes no release otherwise',
    'docs!: remove the old guide',
    { type: 'docs', subject: 'remove the old guide', breaking: true, notes: ['remove the old guide'] },
  ],
  // Header syntax
  ['no space after colon', 'feat:no space', { type: null, subject: 'feat:no space' }],
  ['space before colon', 'feat : x', { type: null, subject: 'feat : x' }],
  ['empty description', 'feat: ', { type: null, subject: 'feat:' }],
  ['empty scope', 'feat(): x', { type: null, subject: 'feat(): x' }],
  ['digits in type (library accepts)', 'feat2: x', { type: null, subject: 'feat2: x' }],
  ['underscore in type (library accepts)', 'feat_x: x', { type: null, subject: 'feat_x: x' }],
  ['empty type (library accepts)', ': x', { type: null, subject: ': x' }],
  ['! before the scope', 'feat!(api): x', { type: null, subject: 'feat!(api): x' }],
  ['two scopes', 'feat(a)(b): x', { type: null, subject: 'feat(a)(b): x' }],
  ['space inside a scope', 'feat(my scope): x', { type: 'feat', scope: 'my scope', subject: 'x' }],
  ['scope with /', 'fix(ui/button): x', { type: 'fix', scope: 'ui/button', subject: 'x' }],
  ['scope with , (library rejects)', 'fix(a,b): x', { type: 'fix', scope: 'a,b', subject: 'x' }],
  ['scope list with ", "', 'fix(a, b): x', { type: 'fix', scope: 'a, b', subject: 'x' }],
  ['scope with .', 'fix(v1.2): x', { type: 'fix', scope: 'v1.2', subject: 'x' }],
  ['scope with -', 'fix(my-scope): x', { type: 'fix', scope: 'my-scope', subject: 'x' }],
  ['scope with _', 'fix(my_scope): x', { type: 'fix', scope: 'my_scope', subject: 'x' }],
  ['scope with letters beyond ASCII', 'fix(café): x', { type: 'fix', scope: 'café', subject: 'x' }],
  ['scope *', 'fix(*): x', { type: 'fix', scope: '*', subject: 'x' }],
  // Monorepo scopes: any text but `)`
  ['npm package scope', 'fix(@angular/cli): x', { type: 'fix', scope: '@angular/cli', subject: 'x' }],
  [
    '@scope/pkg with !',
    'feat(@scope/pkg)!: x',
    { type: 'feat', scope: '@scope/pkg', subject: 'x', breaking: true, notes: ['x'] },
  ],
  ['scope with $', 'fix($browser): x', { type: 'fix', scope: '$browser', subject: 'x' }],
  ['scope with /*', 'fix(material/*): x', { type: 'fix', scope: 'material/*', subject: 'x' }],
  ['scope with a colon', 'fix(a:b): x', { type: 'fix', scope: 'a:b', subject: 'x' }],
  ['scope with an opening parenthesis', 'fix(a(b): x', { type: 'fix', scope: 'a(b', subject: 'x' }],
  ['scope trimmed', 'fix( runtime-core ): x', { type: 'fix', scope: 'runtime-core', subject: 'x' }],
  ['blank scope', 'fix(  ): x', { type: null, subject: 'fix(  ): x' }],
  [
    'scope ends at the first ) (library: the last)',
    'fix(a): b (c): d',
    { type: 'fix', scope: 'a', subject: 'b (c): d' },
  ],
  [
    'squash bullet with a package scope',
    'feat: pr\n\n* fix(@angular/build): a',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'fix', scope: '@angular/build', subject: 'a' },
    ],
  ],
  ['colon inside the subject', 'feat: subject with: colon', { type: 'feat', subject: 'subject with: colon' }],
  ['subject trimmed', 'feat:   extra spaces   ', { type: 'feat', subject: 'extra spaces' }],
  [
    'leading blank lines and indentation',
    '\n\n  feat: indented header\n',
    { type: 'feat', subject: 'indented header', header: 'feat: indented header' },
  ],
  [
    'PR number in the subject',
    'feat: add x (#123)',
    { type: 'feat', subject: 'add x (#123)', references: ['#123'] },
  ],
  [
    'header field is the whole first line',
    'chore(deps): bump x from 1.0 to 2.0',
    {
      type: 'chore',
      scope: 'deps',
      subject: 'bump x from 1.0 to 2.0',
      header: 'chore(deps): bump x from 1.0 to 2.0',
    },
  ],
  // Non-conventional
  [
    'plain message',
    'Update README',
    { type: null, subject: 'Update README', header: 'Update README', conventional: false },
  ],
  [
    'GitHub merge header',
    'Merge pull request #12 from x/y',
    { type: null, subject: 'Merge pull request #12 from x/y', references: ['#12'] },
  ],
  ['branch merge header', "Merge branch 'feature/x'", { type: null, subject: "Merge branch 'feature/x'" }],
  ['prose with a colon', 'Fixed bug: the thing', { type: null, subject: 'Fixed bug: the thing' }],
  ['empty message', '', { type: null, subject: '', header: '', body: null }],
  [
    'non-conventional header ignores breaking footers',
    'Big rewrite\n\nBREAKING CHANGE: everything',
    { type: null, subject: 'Big rewrite' },
  ],
  [
    'non-conventional body kept',
    'Update README\n\nMore words.',
    { type: null, subject: 'Update README', body: 'More words.' },
  ],
  // Comments and scissors
  [
    'comment lines dropped',
    "fix: x\n# Please enter the commit message\n# Lines starting with '#' will be ignored",
    { type: 'fix', subject: 'x', body: null },
  ],
  [
    'everything below the scissors ignored',
    'fix: x\n\nbody\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n+BREAKING CHANGE: no',
    { type: 'fix', subject: 'x', body: 'body' },
  ],
  [
    'scissors without comment character',
    'fix: x\n\nbody\n------------------------ >8 ------------------------\nBREAKING CHANGE: no\nCloses #4',
    { type: 'fix', subject: 'x', body: 'body' },
  ],
  [
    'comment before the header',
    '# comment first\nfeat: real header',
    { type: 'feat', subject: 'real header' },
  ],
  [
    'comment line holding a reference',
    'fix: x\n\n#123 is only a comment',
    { type: 'fix', subject: 'x', body: null },
  ],
  [
    'CRLF line endings',
    'feat: x\r\n\r\nBREAKING CHANGE: y\r\n',
    { type: 'feat', subject: 'x', breaking: true, notes: ['y'] },
  ],
  // References
  [
    'Closes #9 stored without action',
    'fix: x\n\nCloses #9',
    { type: 'fix', subject: 'x', references: ['#9'] },
  ],
  [
    'several references on one line',
    'fix: x\n\nFixes #12, #13 and GH-7',
    { type: 'fix', subject: 'x', references: ['#12', '#13', 'GH-7'] },
  ],
  [
    'cross-repository reference',
    'fix: x\n\nSee owner/repo#3; also #4',
    { type: 'fix', subject: 'x', references: ['owner/repo#3', '#4'] },
  ],
  [
    'references de-duplicated',
    'fix: x (#12)\n\nCloses #12',
    { type: 'fix', subject: 'x (#12)', references: ['#12'] },
  ],
  [
    'reference before a full stop (library misses it)',
    'fix: x\n\nCloses #12.',
    { type: 'fix', subject: 'x', references: ['#12'] },
  ],
  [
    'reference on a line with a URL (library drops the line)',
    'fix: x\n\nFixes #5 (details at https://example.com/a#b)',
    { type: 'fix', subject: 'x', references: ['#5'] },
  ],
  [
    'colour is not a reference (library takes it)',
    'fix: colour #fff is wrong',
    { type: 'fix', subject: 'colour #fff is wrong' },
  ],
  ['C#7 is not a reference (library takes it)', 'fix: C#7 support', { type: 'fix', subject: 'C#7 support' }],
  [
    'reference footers with colon',
    'fix: x\n\nRefs: #1, #2\nCloses: #3',
    { type: 'fix', subject: 'x', references: ['#1', '#2', '#3'] },
  ],
  [
    'GH- prefix stored as written',
    'fix: x\n\nsee gh-42',
    { type: 'fix', subject: 'x', references: ['gh-42'] },
  ],
  [
    'reference in body prose keeps the body (library turns it into footer)',
    'fix: x\n\nbody mentions #12 and\ncontinues',
    { type: 'fix', subject: 'x', references: ['#12'], body: 'body mentions #12 and\ncontinues' },
  ],
  [
    'two actions on one line',
    'fix: x\n\nCloses #1 fixes #2',
    { type: 'fix', subject: 'x', references: ['#1', '#2'] },
  ],
  [
    'an action word reads only up to the next one, as in the library: a quoted resolve hides (#15906)',
    'refactor: use require.resolve instead of custom `resolve` (#15906)\n\nSee #2, #3 and (#4)',
    {
      type: 'refactor',
      subject: 'use require.resolve instead of custom `resolve` (#15906)',
      references: ['#2', '#3', '#4'],
    },
  ],
  [
    'references in order of appearance',
    'fix: a #3\n\nCloses #1, #3, #2',
    { type: 'fix', subject: 'a #3', references: ['#3', '#1', '#2'] },
  ],
  // Footers
  ['Release-As', 'feat: x\n\nRelease-As: 2.0.0', { type: 'feat', subject: 'x', releaseAs: '2.0.0' }],
  [
    'release-as token is case-insensitive',
    'chore: x\n\nrelease-as: 1.0.0',
    { type: 'chore', subject: 'x', releaseAs: '1.0.0' },
  ],
  [
    'RELEASE-AS kept as written',
    'chore: x\n\nRELEASE-AS: v3.0.0',
    { type: 'chore', subject: 'x', releaseAs: 'v3.0.0' },
  ],
  [
    'Release-As on a non-conventional commit',
    'Prepare release\n\nRelease-As: 1.0.0',
    { type: null, subject: 'Prepare release', releaseAs: '1.0.0' },
  ],
  [
    'Release-As among trailers',
    'fix: x\n\nbody\n\nSigned-off-by: A <a@b.c>\nRelease-As: 1.2.3',
    { type: 'fix', subject: 'x', releaseAs: '1.2.3', body: 'body' },
  ],
  [
    'Token: inside a paragraph stays body',
    'fix: x\n\nfirst line\nNote: not a footer here\n\nRelease-As: 1.0.0',
    { type: 'fix', subject: 'x', releaseAs: '1.0.0', body: 'first line\nNote: not a footer here' },
  ],
  [
    'horizontal rule in the body (library reads a field)',
    'fix: x\n\nabove\n---\nbelow',
    { type: 'fix', subject: 'x', body: 'above\n---\nbelow' },
  ],
  // Reverts
  [
    'revert: with the reverted SHA',
    `revert: feat(api): add x\n\nThis reverts commit ${SHA}.`,
    { type: 'revert', subject: 'feat(api): add x', revert: { header: 'feat(api): add x', sha: SHA } },
  ],
  [
    'git Revert "…"',
    `Revert "feat(api): add x"\n\nThis reverts commit ${SHA}.`,
    { type: 'revert', subject: 'feat(api): add x', revert: { header: 'feat(api): add x', sha: SHA } },
  ],
  [
    'git revert of a revert',
    'Revert "Revert "feat: x""\n\nThis reverts commit abcdef1.',
    {
      type: 'revert',
      subject: 'Revert "feat: x"',
      revert: { header: 'Revert "feat: x"', sha: 'abcdef1' },
    },
  ],
  [
    'revert: with a quoted header',
    'revert: "feat: quoted"',
    { type: 'revert', subject: '"feat: quoted"', revert: { header: 'feat: quoted', sha: null } },
  ],
  [
    'git revert without the SHA line',
    'Revert "feat: x"',
    { type: 'revert', subject: 'feat: x', revert: { header: 'feat: x', sha: null } },
  ],
  [
    'Revert: is the revert type',
    'Revert: feat: x',
    { type: 'revert', subject: 'feat: x', revert: { header: 'feat: x', sha: null } },
  ],
  [
    'revert: of a revert:',
    'revert: revert: feat: x',
    { type: 'revert', subject: 'revert: feat: x', revert: { header: 'revert: feat: x', sha: null } },
  ],
  [
    'reverted SHA lower-cased',
    'Revert "feat: x"\n\nThis reverts commit ABCDEF1234.',
    { type: 'revert', subject: 'feat: x', revert: { header: 'feat: x', sha: 'abcdef1234' } },
  ],
  [
    'git revert --reference form',
    'Revert "feat: x"\n\nThis reverts commit 1a2b3c4d (feat: x, 2024-01-02).',
    { type: 'revert', subject: 'feat: x', revert: { header: 'feat: x', sha: '1a2b3c4d' } },
  ],
  // Squash merges
  [
    'GitHub squash: * bullets after blank lines',
    'feat: add login (#12)\n\n* feat(auth): add login form\n\n* fix(ui): align button\n\n* chore: lint',
    [
      { type: 'feat', subject: 'add login (#12)', references: ['#12'], body: null },
      { type: 'feat', scope: 'auth', subject: 'add login form' },
      { type: 'fix', scope: 'ui', subject: 'align button' },
      { type: 'chore', subject: 'lint' },
    ],
  ],
  [
    '- bullets on consecutive lines',
    'feat: x\n\n- feat: a\n- fix: b',
    [
      { type: 'feat', subject: 'x' },
      { type: 'feat', subject: 'a' },
      { type: 'fix', subject: 'b' },
    ],
  ],
  [
    'plain headers after blank lines',
    'feat: x\n\nfix(core): y\n\nperf: z',
    [
      { type: 'feat', subject: 'x' },
      { type: 'fix', scope: 'core', subject: 'y' },
      { type: 'perf', subject: 'z' },
    ],
  ],
  [
    'header-like line inside a paragraph is body',
    'feat: x\n\nsome body\nfix: not a header',
    [{ type: 'feat', subject: 'x', body: 'some body\nfix: not a header' }],
  ],
  [
    'breaking footer belongs to the change it follows',
    'feat: pr\n\n* feat: a\n\n* fix: b\n\nBREAKING CHANGE: b breaks',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'feat', subject: 'a' },
      { type: 'fix', subject: 'b', breaking: true, notes: ['b breaks'] },
    ],
  ],
  [
    'indented breaking footer under a bullet',
    'feat: pr\n\n* feat!: a\n  BREAKING CHANGE: detailed',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'feat', subject: 'a', breaking: true, notes: ['detailed'] },
    ],
  ],
  [
    'sub-change body',
    'feat: pr\n\n* fix: a\n  more about a\n* fix: b',
    [
      { type: 'feat', subject: 'pr', body: null },
      { type: 'fix', subject: 'a', body: '  more about a' },
      { type: 'fix', subject: 'b', body: null },
    ],
  ],
  [
    'non-conventional bullet is body',
    'feat: x\n\n* update docs\n* tidy up',
    [{ type: 'feat', subject: 'x', body: '* update docs\n* tidy up' }],
  ],
  [
    'capitalised trailer after a blank line is not a header',
    'fix: x\n\nRefs: #12',
    [{ type: 'fix', subject: 'x', references: ['#12'] }],
  ],
  [
    'prose with a colon after a blank line is not a header',
    'fix: x\n\nThis is prose: not a header',
    [{ type: 'fix', subject: 'x', body: 'This is prose: not a header' }],
  ],
  [
    'non-conventional title with conventional bullets',
    'Add login page (#12)\n\n* feat: add login\n* fix: typo',
    [
      { type: null, subject: 'Add login page (#12)', references: ['#12'] },
      { type: 'feat', subject: 'add login' },
      { type: 'fix', subject: 'typo' },
    ],
  ],
  [
    'git merge --squash body',
    'Squashed commit of the following:\n\ncommit abc\nAuthor: A <a@b.c>\nDate:   Mon Jan 1 10:00:00 2024\n\n    feat: add x\n\n    Body of x\n\ncommit def\nAuthor: A <a@b.c>\n\n    fix: y',
    [
      { type: null, subject: 'Squashed commit of the following:' },
      { type: 'feat', subject: 'add x' },
      { type: 'fix', subject: 'y' },
    ],
  ],
  [
    'references belong to their change',
    'feat: pr (#12)\n\n* fix: a (#10)\n* fix: b\n\nCloses #11',
    [
      { type: 'feat', subject: 'pr (#12)', references: ['#12'] },
      { type: 'fix', subject: 'a (#10)', references: ['#10'] },
      { type: 'fix', subject: 'b', references: ['#11'] },
    ],
  ],
  [
    'Release-As at the end of a squash body',
    'chore: pr\n\n* feat: a\n\nRelease-As: 2.0.0',
    [
      { type: 'chore', subject: 'pr' },
      { type: 'feat', subject: 'a', releaseAs: '2.0.0' },
    ],
  ],
  // Stacked headers: release-please reads each header line of a trailer block as a commit
  [
    'stacked plain headers without blank lines',
    'chore: release\n\nfeat(core): add x\nfix(core): y\nfeat!: z',
    [
      { type: 'chore', subject: 'release', body: null },
      { type: 'feat', scope: 'core', subject: 'add x' },
      { type: 'fix', scope: 'core', subject: 'y' },
      { type: 'feat', subject: 'z', breaking: true, notes: ['z'] },
    ],
  ],
  [
    'stacked header right under the commit header',
    'feat: x\nfix: y',
    [
      { type: 'feat', subject: 'x' },
      { type: 'fix', subject: 'y' },
    ],
  ],
  [
    'stacked header after a header and its indented lines (release-please footer continuation)',
    'chore: multiple commits\n\nfeat(api): a\n  Committer: @someone\n  PiperOrigin-RevId: 345559154\nfix(api): b',
    [
      { type: 'chore', subject: 'multiple commits' },
      {
        type: 'feat',
        scope: 'api',
        subject: 'a',
        body: '  Committer: @someone\n  PiperOrigin-RevId: 345559154',
      },
      { type: 'fix', scope: 'api', subject: 'b' },
    ],
  ],
  [
    'stacked header after a footer of the header above',
    'feat: pr\n\nfix: a\nBREAKING CHANGE: a breaks\nRefs: #4\nfeat: b',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'fix', subject: 'a', breaking: true, notes: ['a breaks'], references: ['#4'] },
      { type: 'feat', subject: 'b' },
    ],
  ],
  [
    'stacked header among trailers of the commit itself',
    'fix: x\n\nSigned-off-by: A <a@b.c>\nfeat: y',
    [
      { type: 'fix', subject: 'x' },
      { type: 'feat', subject: 'y' },
    ],
  ],
  [
    'indented header inside a trailer block continues the footer above',
    'feat: pr\n\nfix: a\n  feat: still part of a',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'fix', subject: 'a', body: '  feat: still part of a' },
    ],
  ],
  [
    'header under a prose line of a sub-change stays its body',
    'feat: pr\n\nfix: a\nmore about a\nfeat: not a header',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'fix', subject: 'a', body: 'more about a\nfeat: not a header' },
    ],
  ],
  [
    'header under prose right below the commit header stays body',
    'feat: x\nsome words\nfix: not a header',
    [{ type: 'feat', subject: 'x', body: 'some words\nfix: not a header' }],
  ],
  [
    'stacked word: trailers are not headers',
    'fix: x\n\nNote: read the docs\nRefs: #12\nSigned-off-by: A <a@b.c>\nBREAKING CHANGE: y\nhttps://example.com/a',
    [{ type: 'fix', subject: 'x', breaking: true, notes: ['y\nhttps://example.com/a'], references: ['#12'] }],
  ],
  [
    'stacked capitalised header-like lines are not headers',
    'chore: release\n\nFeat: a\nFIX: b',
    [{ type: 'chore', subject: 'release' }],
  ],
  [
    'stacked URL lines are not headers',
    'fix: x\nhttps://example.com/a\nhttp://example.com/b',
    [{ type: 'fix', subject: 'x', body: 'https://example.com/a\nhttp://example.com/b' }],
  ],
  [
    'header-like reference trailers are not changes (Vue e0428884b5)',
    'fix(defineModel): respect custom getter and setter (#11543)\n\nfix: #11541\nfix: #11526\nclose: #11527',
    [
      {
        type: 'fix',
        scope: 'defineModel',
        subject: 'respect custom getter and setter (#11543)',
        references: ['#11543', '#11541', '#11526', '#11527'],
      },
    ],
  ],
  [
    'a bullet naming only issues is not a change',
    'feat: pr\n\n* fix: #12, #13 and owner/repo#4\n* fix: crash on #14',
    [
      { type: 'feat', subject: 'pr', references: ['#12', '#13', 'owner/repo#4'] },
      { type: 'fix', subject: 'crash on #14', references: ['#14'] },
    ],
  ],
  [
    'stacked bullet then plain header',
    'feat: pr\n\n* fix: a\nfeat: b',
    [
      { type: 'feat', subject: 'pr' },
      { type: 'fix', subject: 'a' },
      { type: 'feat', subject: 'b' },
    ],
  ],
];

describe('parseCommitMessage', () => {
  it('has a large table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases)('%s', (_name, message, expectation) => {
    const changes = parseCommitMessage(message);
    const all = Array.isArray(expectation) ? expectation : [expectation];
    if (Array.isArray(expectation)) expect(changes).toHaveLength(expectation.length);
    all.forEach((e, i) => {
      const change = changes[i];
      expect(change).toBeDefined();
      expect(actual(change!, e)).toEqual(expected(e));
    });
  });

  it('always returns at least the header change', () => {
    expect(parseCommitMessage('\n\n# only a comment\n')).toHaveLength(1);
  });
});
