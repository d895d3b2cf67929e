import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { DeskError } from '../errors.js';
import { listItemText, markdownText } from './markdown-text.js';
import type { RemoteLinks } from './remote-links.js';
import { commitPartial, footerPartial, headerPartial, mainTemplate } from './templates.js';

/** One release's section to render. */
export interface ChangelogRelease {
  document: ChangelogDocument;
  /** The release's tag (existing or about to be created), for the compare link. */
  tag: string | null;
  previousTag: string | null;
}

export interface RenderOptions {
  links: RemoteLinks | null;
  /** A user's main template (`.release-desk/changelog.hbs`), or null for the default. */
  template: string | null;
}

export const TEMPLATE_FILE = path.join('.release-desk', 'changelog.hbs');

const BREAKING_TITLE = 'BREAKING CHANGES';

/** The commit object the templates see: text already escaped, links already made. */
interface ViewCommit {
  hash: string;
  shortHash: string;
  /** Section title; empty for a change listed only for its breaking notes. */
  type: string;
  scope: string | null;
  subject: string;
  commitUrl: string | null;
  references: { raw: string; url: string | null }[];
  notes: { title: string; text: string }[];
}

interface ViewContext {
  version: string;
  date: string;
  compareUrl: string | null;
  contributors: { name: string }[];
}

/** `markdownText` remembered: scopes and contributors' names repeat in every release. */
function escaper(): (text: string) => string {
  const escaped = new Map<string, string>();
  return (text) => {
    let done = escaped.get(text);
    if (done === undefined) escaped.set(text, (done = markdownText(text)));
    return done;
  };
}

function view(
  release: ChangelogRelease,
  links: RemoteLinks | null,
  escape: (text: string) => string = markdownText,
): { context: ViewContext; commits: ViewCommit[] } {
  const { document } = release;
  const commit = (sha: string, scope: string | null, type: string): ViewCommit => ({
    hash: sha,
    shortHash: sha.slice(0, 7),
    type,
    scope: scope === null ? null : escape(scope),
    subject: '',
    commitUrl: links ? links.commit(sha) : null,
    references: [],
    notes: [],
  });
  const commits: ViewCommit[] = [];
  for (const section of document.sections) {
    for (const entry of section.entries) {
      const item = commit(entry.sha, entry.scope, section.title);
      item.subject = markdownText(entry.subject);
      item.references = entry.references.map((raw) => ({
        raw: markdownText(raw),
        url: links?.issue(raw) ?? null,
      }));
      commits.push(item);
    }
  }
  for (const note of document.breaking) {
    const item = commit(note.sha, note.scope, '');
    item.notes.push({ title: BREAKING_TITLE, text: listItemText(note.text) });
    commits.push(item);
  }
  const { tag, previousTag } = release;
  return {
    commits,
    context: {
      version: document.version ?? 'Unreleased',
      date: document.date,
      compareUrl: links && tag && previousTag ? links.compare(previousTag, tag) : null,
      contributors: (document.contributors ?? []).map((c) => ({ name: escape(c.name) })),
    },
  };
}

/** Any template through conventional-changelog-writer: the reference `renderDefault` is checked against. */
export async function renderWithWriter(release: ChangelogRelease, options: RenderOptions): Promise<string> {
  // Loaded on demand: most commands never render a changelog, and start faster without it.
  const { writeChangelogString } = await import('conventional-changelog-writer');
  const { context, commits } = view(release, options.links);
  const order = release.document.sections.map((s) => s.title);
  try {
    return await writeChangelogString<ViewCommit>(commits, context, {
      mainTemplate: options.template ?? mainTemplate,
      headerPartial,
      commitPartial,
      footerPartial,
      groupBy: 'type',
      commitGroupsSort: (a, b) => order.indexOf(a.title) - order.indexOf(b.title),
      // Entries arrive ordered, reverts are already paired, and nothing else is transformed.
      commitsSort: undefined,
      notesSort: undefined,
      transform: undefined,
      generateOn: null,
      ignoreReverted: false,
      finalizeContext: (ctx) => ({ ...ctx, commitGroups: ctx.commitGroups?.filter((group) => group.title) }),
    });
  } catch (error) {
    throw new DeskError(
      'invalid-input',
      `The changelog template could not be rendered: ${(error as Error).message}`,
    );
  }
}

/** The default template, written out by hand for large histories; a test keeps it identical to the writer's output. */
export function renderDefault(
  release: ChangelogRelease,
  links: RemoteLinks | null,
  escape: (text: string) => string = markdownText,
): string {
  const { context, commits } = view(release, links, escape);
  const lines = [
    `## ${context.compareUrl ? `[${context.version}](${context.compareUrl})` : context.version} (${context.date})`,
  ];
  const notes = commits.filter((c) => c.notes.length > 0);
  if (notes.length > 0) {
    lines.push('', `### ⚠ ${BREAKING_TITLE}`, '');
    for (const c of notes)
      for (const note of c.notes) lines.push(`* ${c.scope ? `**${c.scope}:** ` : ''}${note.text}`);
  }
  let title = '';
  for (const c of commits) {
    if (!c.type) continue;
    if (c.type !== title) lines.push('', `### ${(title = c.type)}`, '');
    let line = `* ${c.scope ? `**${c.scope}:** ` : ''}${c.subject} ${c.commitUrl ? `([${c.shortHash}](${c.commitUrl}))` : `(${c.shortHash})`}`;
    if (c.references.length > 0) {
      line += ', closes';
      for (const r of c.references) line += r.url ? ` [${r.raw}](${r.url})` : ` ${r.raw}`;
    }
    lines.push(line);
  }
  if (context.contributors.length > 0) {
    lines.push('', '### Contributors', '');
    for (const c of context.contributors) lines.push(`* ${c.name}`);
  }
  return `${lines.join('\n').trim()}\n`;
}

/**
 * Markdown for one or more releases, newest first. The default template takes the hand-written
 * path (same bytes as the writer's): on the 100k-commit bench history the writer took 5.9 s for
 * the whole command against 1.8 s, and ~9 ms of each 45 ms `release.plan` on reopening. A user's
 * template goes through conventional-changelog-writer.
 */
export async function renderMarkdown(releases: ChangelogRelease[], options: RenderOptions): Promise<string> {
  const render = releaseRenderer(options);
  const blocks: string[] = [];
  for (const release of releases) blocks.push(await render(release));
  return joinReleases(blocks);
}

/** Renders one release's block of `renderMarkdown` at a time (escapes remembered across them). */
export function releaseRenderer(options: RenderOptions): (release: ChangelogRelease) => Promise<string> {
  const escape = escaper();
  return async (release) =>
    options.template === null
      ? renderDefault(release, options.links, escape)
      : renderWithWriter(release, options);
}

/** Releases' blocks, newest first, as one changelog. */
export function joinReleases(blocks: string[]): string {
  return blocks.join('\n');
}

/** The repository's own main template, if it has one. */
export async function loadTemplate(repoRoot: string): Promise<string | null> {
  try {
    return await readFile(path.join(repoRoot, TEMPLATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DeskError('invalid-input', `${TEMPLATE_FILE} cannot be read: ${(error as Error).message}`);
  }
}
