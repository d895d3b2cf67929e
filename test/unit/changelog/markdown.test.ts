import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { findVersionSection, prependSection } from '../../../src-main/core/changelog/changelog-file.js';
import { markdownText } from '../../../src-main/core/changelog/markdown-text.js';
import { remoteLinks } from '../../../src-main/core/changelog/remote-links.js';
import {
  renderDefault,
  renderMarkdown,
  renderWithWriter,
} from '../../../src-main/core/changelog/render-markdown.js';
import * as templates from '../../../src-main/core/changelog/templates.js';

const sha = (c: string) => c.repeat(40);

function document(entries = 3): ChangelogDocument {
  return {
    version: '1.2.0',
    date: '2026-01-05',
    sections: [
      {
        type: 'feat',
        title: 'Features',
        entries: Array.from({ length: entries }, (_, i) => ({
          sha: sha(String(i % 10)),
          scope: i % 2 ? 'api' : null,
          subject: `thing ${i} <script>alert(1)</script> with \`Array<T>\``,
          breaking: false,
          references: i % 3 ? [] : ['#12', 'other/lib#3'],
        })),
      },
      {
        type: 'fix',
        title: 'Bug Fixes',
        entries: [{ sha: sha('b'), scope: null, subject: 'a fix', breaking: false, references: ['GH-9'] }],
      },
    ],
    breaking: [{ sha: sha('c'), scope: 'db', text: 'the old schema is gone\n\nMigrate first.' }],
    contributors: [{ name: 'Ada <img src=x onerror=alert(1)>', email: 'ada@example.com', commits: 2 }],
  };
}

describe('Markdown text from commits', () => {
  it.each([
    ['plain', 'plain'],
    ['<b>bold</b> & co', '&lt;b&gt;bold&lt;/b&gt; &amp; co'],
    ['keep `Array<T>` code', 'keep `Array<T>` code'],
    ['\\`<img src=x>\\`', '\\`&lt;img src=x&gt;\\`'],
    ['`a\n<div>`', '`a\n&lt;div&gt;`'],
    ['``x`<b>``', '``x`<b>``'],
  ])('%j', (input, output) => expect(markdownText(input)).toBe(output));

  it('renders no raw HTML from commit text', async () => {
    const links = remoteLinks('git@github.com:acme/app.git');
    const html = await marked.parse(
      await renderMarkdown([{ document: document(), tag: 'v1.2.0', previousTag: 'v1.1.0' }], {
        links,
        template: null,
      }),
    );
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<code>Array&lt;T&gt;</code>');
  });
});

describe('rendering', () => {
  it('the writer and the hand-written path give the same bytes', async () => {
    const links = remoteLinks('https://gitlab.com/group/app.git');
    for (const [doc, release] of [
      [document(), { tag: 'v1.2.0', previousTag: 'v1.1.0' }],
      [document(0), { tag: null, previousTag: null }],
      [
        { ...document(1), sections: [], breaking: [], contributors: [] },
        { tag: 'v1.2.0', previousTag: null },
      ],
    ] as const) {
      for (const l of [links, null]) {
        const one = { document: doc as ChangelogDocument, ...release };
        expect(await renderWithWriter(one, { links: l, template: null })).toBe(renderDefault(one, l));
      }
    }
  });

  it('shows sections in order, scopes in bold, full breaking notes, links and contributors', async () => {
    const links = remoteLinks('git@github.com:acme/app.git');
    const md = await renderMarkdown([{ document: document(2), tag: 'v1.2.0', previousTag: 'v1.1.0' }], {
      links,
      template: null,
    });
    expect(md).toBe(
      [
        '## [1.2.0](https://github.com/acme/app/compare/v1.1.0...v1.2.0) (2026-01-05)',
        '',
        '### ⚠ BREAKING CHANGES',
        '',
        '* **db:** the old schema is gone',
        '',
        '  Migrate first.',
        '',
        '### Features',
        '',
        `* thing 0 &lt;script&gt;alert(1)&lt;/script&gt; with \`Array<T>\` ([0000000](https://github.com/acme/app/commit/${sha('0')})), closes [#12](https://github.com/acme/app/issues/12) [other/lib#3](https://github.com/other/lib/issues/3)`,
        `* **api:** thing 1 &lt;script&gt;alert(1)&lt;/script&gt; with \`Array<T>\` ([1111111](https://github.com/acme/app/commit/${sha('1')}))`,
        '',
        '### Bug Fixes',
        '',
        `* a fix ([bbbbbbb](https://github.com/acme/app/commit/${sha('b')})), closes [GH-9](https://github.com/acme/app/issues/9)`,
        '',
        '### Contributors',
        '',
        '* Ada &lt;img src=x onerror=alert(1)&gt;',
        '',
      ].join('\n'),
    );
  });

  it('a user template replaces the main template and can use the partials', async () => {
    const template =
      '# {{version}}\n{{#each commitGroups}}{{title}}: {{#each commits}}{{> commit}}{{/each}}{{/each}}';
    const md = await renderMarkdown([{ document: document(1), tag: null, previousTag: null }], {
      links: null,
      template,
    });
    expect(md).toBe(
      '# 1.2.0\nFeatures: * thing 0 &lt;script&gt;alert(1)&lt;/script&gt; with `Array<T>` (0000000), closes #12 other/lib#3\nBug Fixes: * a fix (bbbbbbb), closes GH-9\n',
    );
  });

  it('a broken user template is a clear error', async () => {
    await expect(
      renderMarkdown([{ document: document(1), tag: null, previousTag: null }], {
        links: null,
        template: '{{#each}}',
      }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: /changelog template could not be rendered/ });
  });

  it('resources/changelog holds exactly the built-in templates', () => {
    const file = (name: string) =>
      readFileSync(new URL(`../../../resources/changelog/${name}.hbs.txt`, import.meta.url), 'utf8');
    expect(file('template')).toBe(templates.mainTemplate);
    expect(file('header')).toBe(templates.headerPartial);
    expect(file('commit')).toBe(templates.commitPartial);
    expect(file('footer')).toBe(templates.footerPartial);
  });
});

describe('CHANGELOG.md', () => {
  const existing =
    '# Changelog\n\nAll notable changes.\n\n## [1.1.0](x) (2026-01-01)\n\n* old\n\n## 1.0.0 (2025-12-01)\n\n* older\n';

  it('creates the file with a title', () => {
    expect(prependSection(null, '## 1.0.0 (d)\n\n* x\n', '1.0.0', 'v')).toBe(
      '# Changelog\n\n## 1.0.0 (d)\n\n* x\n',
    );
  });

  it('puts the new section above the newest release and keeps the rest byte for byte', () => {
    const out = prependSection(existing, '## 1.2.0 (d)\n\n* new', '1.2.0', 'v');
    expect(out).toBe(
      `# Changelog\n\nAll notable changes.\n\n## 1.2.0 (d)\n\n* new\n\n${existing.slice(existing.indexOf('## [1.1.0]'))}`,
    );
  });

  it('appends after the introduction when there is no release yet', () => {
    expect(prependSection('# Changes\n\nIntro.\n', '## 0.1.0 (d)\n', '0.1.0', 'v')).toBe(
      '# Changes\n\nIntro.\n\n## 0.1.0 (d)\n',
    );
  });

  it('never duplicates a version: it refuses, naming the line', () => {
    expect(() => prependSection(existing, '## 1.1.0 (d)\n', '1.1.0', 'v')).toThrow(
      /already has a section for 1.1.0 \(line 5\)/,
    );
    expect(findVersionSection('## v1.0.0 (x)', '1.0.0', 'v')).toBe(1);
    expect(findVersionSection('## [1.0.0-rc.1](x)', '1.0.0', 'v')).toBeNull();
    expect(findVersionSection('## 1.0.00', '1.0.0', 'v')).toBeNull();
  });
});
