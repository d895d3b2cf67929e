import { DeskError } from '../errors.js';

export const CHANGELOG_FILE = 'CHANGELOG.md';

const TITLE = '# Changelog\n';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The 1-based line of an existing section for `version` (`## 1.2.0`, `## [v1.2.0](…)`, …), or
 * null. Prerelease and build suffixes are part of the match, so 1.2.0 never matches 1.2.0-rc.1.
 */
export function findVersionSection(text: string, version: string, tagPrefix: string): number | null {
  const prefix = tagPrefix ? `(?:${escapeRegExp(tagPrefix)})?` : '';
  const heading = new RegExp(`^#{1,3} +(?:<small>)?\\[?${prefix}${escapeRegExp(version)}(?![\\w.+-])`);
  const lines = text.split('\n');
  const index = lines.findIndex((line) => heading.test(line));
  return index === -1 ? null : index + 1;
}

/**
 * CHANGELOG.md with `section` (one release's Markdown) put above the newest existing release,
 * below the file's title and introduction, everything else kept byte for byte. A version that
 * already has a section is refused, never replaced: it may carry edits, and a release of a
 * version already written is a mistake to stop, not to hide.
 */
export function prependSection(
  existing: string | null,
  section: string,
  version: string,
  tagPrefix: string,
): string {
  const body = `${section.trimEnd()}\n`;
  if (existing === null || existing.trim() === '') return `${TITLE}\n${body}`;
  const line = findVersionSection(existing, version, tagPrefix);
  if (line !== null) {
    throw new DeskError(
      'conflict',
      `CHANGELOG.md already has a section for ${version} (line ${line}): remove it or release another version.`,
    );
  }
  // The first release heading (`## …`) marks where releases start; without one, releases go at the end.
  const match = /^##(?!#)/m.exec(existing);
  if (!match) return `${existing.trimEnd()}\n\n${body}`;
  const before = existing.slice(0, match.index);
  return `${before}${body}\n${existing.slice(match.index)}`;
}
