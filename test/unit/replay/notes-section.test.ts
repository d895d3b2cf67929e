import { describe, expect, it } from 'vitest';
import { noteEntries, noteKey, versionSection } from '../../../src-main/core/replay/notes-section.js';

const keys = (body: string | null) => (body === null ? null : noteEntries(body).map((entry) => entry.key));

describe('versionSection', () => {
  const changelog = [
    '# Changelog',
    '',
    '## [1.3.0](https://example.com/compare/v1.2.0...v1.3.0) (2026-02-01)',
    '',
    '### ⚠ BREAKING CHANGES',
    '',
    '* the config file moved',
    '',
    '### Features',
    '',
    '* **api:** add x ([#12](https://example.com/issues/12)) ([3f2c1a9](https://example.com/commit/3f2c1a9)), closes [#9](https://example.com/issues/9)',
    '',
    '### [1.2.1](https://example.com/compare/v1.2.0...v1.2.1) (2026-01-20)',
    '',
    '### Bug Fixes',
    '',
    '* handle `null` \\_input\\_ ([9a8b7c6](https://example.com/commit/9a8b7c6))',
    '  * a nested line is no entry',
    '',
    '# [1.2.0](https://example.com/compare/v1.1.0...v1.2.0) (2026-01-10)',
    '',
    '- the dialog closes on escape.',
    '',
    '## 1.2.0-rc.1',
    '',
    '* early',
  ].join('\n');

  it('finds a section by its heading (prefix optional) and ends it at the next release', () => {
    expect(keys(versionSection(changelog, '1.3.0', 'v'))).toEqual(['add x']);
    // A patch heading one level below (standard-version) keeps its own `### Bug Fixes`.
    expect(keys(versionSection(changelog, '1.2.1', 'v'))).toEqual(['handle null _input_']);
    expect(keys(versionSection(changelog, '1.2.0', 'v'))).toEqual(['the dialog closes on escape']);
    expect(keys(versionSection(changelog, '1.2.0-rc.1', 'v'))).toEqual(['early']);
    expect(versionSection(changelog, '1.2', 'v')).toBeNull();
    expect(versionSection(changelog, '1.1.0', 'v')).toBeNull();
    expect(keys(versionSection('## v2.0.0\n\n* two\n', '2.0.0', 'v'))).toEqual(['two']);
  });

  it('reads the table rows of an Angular-style section, not its breaking notes', () => {
    const angular = [
      '<a name="21.0.0"></a>',
      '',
      '# 21.0.0 (2025-11-19)',
      '',
      '## Breaking Changes',
      '',
      '### @angular/cli',
      '',
      '- `ng` no longer detects cnpm.',
      '',
      '### @schematics/angular',
      '',
      '| Commit | Type | Description |',
      '| ------ | ---- | ----------- |',
      '| [e417c89f9](https://example.com/commit/e417c89f9) | feat | Add `addTypeToClassName` option |',
      '| [77741f5ee](https://example.com/commit/77741f5ee) | fix  | a \\| pipe in a subject |',
      '',
      '<!-- CHANGELOG SPLIT MARKER -->',
      '',
      '# 20.3.9 (2025-11-01)',
      '',
      '| [1111111](https://example.com/commit/1111111) | fix | older |',
    ].join('\n');
    expect(noteEntries(versionSection(angular, '21.0.0', 'v')!)).toEqual([
      {
        text: 'Add addTypeToClassName option',
        key: 'add addtypetoclassname option',
        section: '@schematics/angular',
      },
      { text: 'a | pipe in a subject', key: 'a | pipe in a subject', section: '@schematics/angular' },
    ]);
  });
});

describe('noteKey', () => {
  it('makes a commit subject and its rendered entry the same key', () => {
    expect(noteKey('add x (#12)')).toBe('add x');
    expect(
      noteKey(
        '**api:** add x ([#12](https://e.com/12)) ([3f2c1a9](https://e.com/c)), closes [#9](https://e.com/9)',
      ),
    ).toBe('add x');
    expect(noteKey('Fix &gt; in `docs` by @ada in https://example.com/pull/4')).toBe('fix > in docs');
    expect(noteKey('keep (deadbeef) and (#notanumber)')).toBe('keep (deadbeef) and (#notanumber)');
  });

  it("leaves out the people Release Desk's own notes thank: a Contributors list is no entry", () => {
    const body = [
      '### Bug Fixes',
      '',
      '* **angular:** keep the scope (b9846b2)',
      '',
      '### Contributors',
      '',
      '* Ada Tester',
      '* Bob Builder',
    ].join('\n');
    expect(keys(body)).toEqual(['keep the scope']);
  });
});
