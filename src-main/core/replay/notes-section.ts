/** One entry of a release's notes, as compared: its subject normalised, and where it was listed. */
export interface NoteEntry {
  /** The subject as people read it (see `plainSubject`), for messages. */
  text: string;
  /** What is compared: the plain subject in lower case (see `noteKey`). */
  key: string;
  /** The heading it was listed under (`Bug Fixes`, `@angular/cli`), or null. */
  section: string | null;
}

/** A shipped entry with what it names: the commits it links and the pull requests or issues it cites. */
export interface LinkedNoteEntry extends NoteEntry {
  /** Commit hashes, as written (abbreviated): a link's text, `(3f2c1a9)`, or a leading hash. */
  shas: string[];
  /** `#123` numbers, without the `#`. */
  refs: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// A heading that starts any release's section: `## 1.2.0`, `# [v1.2.0](…)`, `## <small>1.2.0`.
const RELEASE_HEADING = /^#{1,3} +(?:<small>)?\[?[^\s\d[\]]*\d+\.\d+\.\d+/;
const HEADING = /^(#{1,6}) +(.*)$/;
// Notes about the release rather than changes in it: left out of the comparison, as Release
// Desk lists breaking notes apart from its entries too, and the people who made it (the
// Contributors list Release Desk's own notes end with).
const NOT_ENTRIES = /breaking|deprecat|^contributors$/i;
// What a rendered entry appends to its subject: `#12`, a commit hash (it has a digit), `@author`.
const REFERENCE = '#\\d+|(?=[0-9a-f]*\\d)[0-9a-f]{7,40}|@[\\w-]+';

/**
 * The body of `version`'s section in a CHANGELOG.md, or null when it has none. The heading is
 * matched as `findVersionSection` matches it (prefix optional, prerelease part of the version);
 * the section ends at the next release's heading or at a heading above its own (`### 1.2.1`
 * keeps its `### Bug Fixes`, as standard-version writes patches). The text
 * is searched for the version itself, never split into lines: a long-lived project's
 * CHANGELOG.md is a megabyte, read once per release replayed.
 */
export function versionSection(text: string, version: string, tagPrefix: string): string | null {
  const prefix = tagPrefix ? `(?:${escapeRegExp(tagPrefix)})?` : '';
  const heading = new RegExp(`^(#{1,3}) +(?:<small>)?\\[?${prefix}${escapeRegExp(version)}(?![\\w.+-])`);
  for (let at = text.indexOf(version); at !== -1; at = text.indexOf(version, at + 1)) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    if (text.charCodeAt(lineStart) !== 0x23 /* # */) continue;
    const lineEnd = text.indexOf('\n', at);
    const match = heading.exec(text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd));
    if (!match) continue;
    if (lineEnd === -1) return '';
    return text.slice(lineEnd + 1, sectionEnd(text, lineEnd + 1, match[1]!.length));
  }
  return null;
}

/** Where a section starting at `start` under a release heading of depth `level` ends. */
function sectionEnd(text: string, start: number, level: number): number {
  const next = /^#{1,6} .*$/gm;
  next.lastIndex = start;
  for (let found = next.exec(text); found; found = next.exec(text)) {
    const depth = /^#+/.exec(found[0])![0].length;
    if (depth < level || RELEASE_HEADING.test(found[0])) return found.index;
  }
  return text.length;
}

/**
 * A shipped entry as people read it: Markdown links reduced to their text, then the commit
 * hashes, issue and pull request numbers, `closes …` tails, author mentions, escapes and
 * backticks a rendered changelog adds taken away. `**api:** add x ([#12](…)) ([3f2c1a9](…)),
 * closes [#9](…)` becomes `add x`, as does the commit subject `add x (#12)`.
 */
export function plainSubject(subject: string): string {
  return (
    subject
      // `**api:** x` and `**api**: x`: the scope in bold.
      .replace(/^\*\*[^*]+(?::\*\*|\*\*:)\s*/, '')
      // A header kept whole in an entry (`fix: …` from a squash body) reads as its subject.
      .replace(/^[a-z]+(?:\([^)]*\))?!?: +/, '')
      // `([dcd7551f](…), closes [#47](…))`: the issues inside the commit link's parentheses.
      .replace(/\s*\(\[[0-9a-f]{7,40}\]\([^)]*\),\s*closes\b.*$/i, '')
      .replace(/,\s*closes\s+(?:\[|#\d|https?:\/\/|[\w.-]+\/[\w.-]+#\d).*$/i, '')
      // A link whose text is a hash is a commit link, digits or not.
      .replace(/\(\[[0-9a-f]{7,40}\]\([^)]*\)\)/gi, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
      .replace(new RegExp(`\\((?:${REFERENCE})(?:[,\\s]+(?:${REFERENCE}))*\\)`, 'gi'), '')
      .replace(/\s+by\s+@[\w-]+.*$/i, '')
      .replace(/&(gt|lt|amp|quot|#39);/g, (_, name: string) => ENTITIES[name]!)
      .replace(/`/g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ([,;:])/g, '$1')
      .trim()
      .replace(/[.\s]+$/, '')
  );
}

/** A subject as compared on both sides: its plain text, in lower case. */
export function noteKey(subject: string): string {
  return plainSubject(subject).toLowerCase();
}

const ENTITIES: Record<string, string> = { gt: '>', lt: '<', amp: '&', quot: '"', '#39': "'" };

function tableCells(line: string): string[] {
  return line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** What an entry's raw text names: linked or leading commit hashes, `#N` references. */
function links(raw: string): { shas: string[]; refs: string[] } {
  const shas = new Set<string>();
  for (const match of raw.matchAll(/\[([0-9a-f]{7,40})\]\(|\(([0-9a-f]{7,40})\)|^([0-9a-f]{7,40})\s/gi)) {
    const sha = (match[1] ?? match[2] ?? match[3])!.toLowerCase();
    // A leading or bracketed word of hex letters only (`added`, `(deadbeef)`) is no hash.
    if (/\d/.test(sha)) shas.add(sha);
  }
  const refs = new Set([...raw.matchAll(/#(\d+)\b/g)].map((match) => match[1]!));
  return { shas: [...shas], refs: [...refs] };
}

/** Like `noteEntries`, with the commits and references each entry names. */
export function linkedNoteEntries(body: string): LinkedNoteEntry[] {
  const entries: LinkedNoteEntry[] = [];
  const add = (raw: string, section: string | null): void => {
    const text = plainSubject(
      raw.replace(/^([0-9a-f]{7,40})\s+(?=\S)/i, (hash) => (/\d/.test(hash) ? '' : hash)),
    );
    if (text !== '') entries.push({ text, key: text.toLowerCase(), section, ...links(raw) });
  };
  let section: string | null = null;
  // The depth of the breaking-changes heading the lines are under, or null.
  let notesDepth: number | null = null;
  // A list item's text so far: a long entry wraps onto the lines after it.
  let item: string | null = null;
  const flush = (): void => {
    if (item !== null) add(item, section);
    item = null;
  };
  for (const line of body.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const depth = heading[1]!.length;
      if (notesDepth !== null && depth <= notesDepth) notesDepth = null;
      if (notesDepth === null && NOT_ENTRIES.test(heading[2]!)) notesDepth = depth;
      section = heading[2]!.trim();
      continue;
    }
    const listed = /^[*-] +(.*)$/.exec(line);
    if (listed) {
      flush();
      if (notesDepth === null) item = listed[1]!;
      continue;
    }
    if (item !== null && line.trim() !== '' && !line.startsWith('|') && !/^\s*[*-] /.test(line)) {
      item += ` ${line.trim()}`;
      continue;
    }
    flush();
    if (!line.startsWith('|')) continue;
    const cells = tableCells(line);
    if (cells.length < 2 || cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    const last = cells[cells.length - 1]!;
    if (/^description$/i.test(plainSubject(last))) continue;
    const text = plainSubject(last);
    if (text !== '') entries.push({ text, key: text.toLowerCase(), section, ...links(cells.join(' ')) });
  }
  flush();
  return entries;
}

/**
 * The entries of a section's body: top-level list items (`* …`, `- …`, with the lines they wrap
 * onto) and the rows of a `| Commit | Type | Description |` table (the last cell is the subject).
 * Items under a breaking-changes or deprecations heading are notes, not entries; tables there
 * still are.
 */
export function noteEntries(body: string): NoteEntry[] {
  return linkedNoteEntries(body).map(({ text, key, section }) => ({ text, key, section }));
}
