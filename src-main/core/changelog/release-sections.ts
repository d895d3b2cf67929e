import { createHash } from 'node:crypto';
import type { CommitRecord } from '../../../shared/domain/commits.js';
import type { VersioningPolicy } from '../../../shared/domain/policy.js';
import type { ChangelogDocument } from '../../../shared/domain/release.js';
import { COMMIT_PARSER_VERSION } from '../commits/parse-message.js';
import type { Core } from '../context.js';
import { faultPoint } from '../intent/fault.js';
import type { MailMap } from '../git/mailmap.js';
import type { GraphCommit } from '../commits/history-graph.js';
import type { PackageFilter } from '../versioning/package-paths.js';
import type { ReleaseTag } from '../versioning/previous-release.js';
import { buildChangelog, changelogDate } from './build-changelog.js';
import { groupByRelease } from './release-groups.js';
import type { RenderOptions } from './render-markdown.js';
import { releaseRenderer } from './render-markdown.js';

/** Replaced at build time by a digest of the program's sources; tests from source run one program. */
declare const __SOURCE_DIGEST__: string | undefined;
const PROGRAM = typeof __SOURCE_DIGEST__ === 'string' ? __SOURCE_DIGEST__ : 'source';

// Released sections kept, the most recently written; a 1,000-release history needs 1,000.
const SECTIONS_KEPT = 20_000;

/** One release of a whole-history changelog, rendered. */
export interface RenderedRelease {
  markdown: string;
  document: ChangelogDocument;
}

/** What every section of one changelog is made with. */
export interface SectionInputs {
  versioning: VersioningPolicy;
  authors: MailMap;
  onlyPackage: PackageFilter;
  render: RenderOptions;
  today: string;
  /** The version to head the unreleased section with. */
  version: string | null;
  /**
   * Whether released sections are looked up and kept: not after a first read (see `firstRead`),
   * whose sections cannot have been kept and whose time already goes to caching every parse.
   */
  keep: boolean;
}

interface Section<C> {
  /** The commits that count for the policy's package. */
  commits: C[];
  /** The release's own commit (its date is the section's); null for the unreleased section. */
  released: C | null;
  version: string | null;
  tag: string | null;
  previousTag: string | null;
  /** The digest it is kept by; null for the unreleased section (always built) and when not kept. */
  key: string | null;
}

/**
 * A released section is fixed by what it is made of: its commits (a SHA names its message, so
 * its parse, and its author), its release's tag and commit (so its date), the tag before it,
 * what `.mailmap` changes of the history's authors, the versioning policy, the template, the
 * remote's links, and the program that parses and renders. All of them go into its key.
 */
function sectionKey(shared: string, section: Omit<Section<GraphCommit>, 'key'>, release: ReleaseTag): string {
  return createHash('sha256')
    .update(shared)
    .update(`${release.name}\0${release.sha}\0${section.previousTag ?? ''}\0${section.version}\0`)
    .update(section.commits.map((commit) => commit.sha).join(''))
    .digest('hex');
}

function sharedKey(inputs: SectionInputs): string {
  const { links, template } = inputs.render;
  return JSON.stringify([
    PROGRAM,
    COMMIT_PARSER_VERSION,
    inputs.versioning,
    template,
    links && [links.kind, links.base],
    inputs.authors.changes,
  ]);
}

function sections<C extends GraphCommit>(
  commits: C[],
  releases: ReleaseTag[],
  inputs: SectionInputs,
): Section<C>[] {
  const prefix = inputs.versioning.tagPrefix;
  const shared = inputs.keep ? sharedKey(inputs) : '';
  return groupByRelease(commits, releases).map((group) => {
    const { release } = group;
    const version = release?.version ?? inputs.version;
    // A release usually owns its own commit (a lower release can own it when tags are out of
    // order): searching the group first spares a map of every commit.
    const own = (commit: C): boolean => commit.sha === release?.sha;
    const section = {
      commits: inputs.onlyPackage(group.commits),
      released: release ? (group.commits.find(own) ?? commits.find(own))! : null,
      version,
      tag: release?.name ?? (version === null ? null : `${prefix}${version}`),
      previousTag: group.previous?.name ?? null,
    };
    return { ...section, key: release && inputs.keep ? sectionKey(shared, section, release) : null };
  });
}

async function keptSections(core: Core, keys: string[]): Promise<Map<string, RenderedRelease>> {
  if (keys.length === 0) return new Map();
  return core.commitCache.read(
    () => new Map(),
    (db) => {
      const rows = db
        .prepare(
          'SELECT s.key, s.markdown, s.document FROM json_each(?) AS wanted JOIN sections AS s ON s.key = wanted.value',
        )
        .raw()
        .all(JSON.stringify(keys)) as [key: string, markdown: string, document: string][];
      return new Map(
        rows.map(([key, markdown, document]) => [
          key,
          { markdown, document: JSON.parse(document) as ChangelogDocument },
        ]),
      );
    },
  );
}

function keepSections(core: Core, made: Map<string, RenderedRelease>): void {
  if (made.size === 0) return;
  core.commitCache.write((db) => {
    const keep = db.prepare('INSERT OR REPLACE INTO sections (key, markdown, document) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const [key, { markdown, document }] of made) {
        keep.run(key, markdown, JSON.stringify(document));
        // Killed halfway through the transaction, the cache holds none of them.
        faultPoint('changelog', 'sections');
      }
      db.prepare('DELETE FROM sections WHERE id <= (SELECT max(id) FROM sections) - ?').run(SECTIONS_KEPT);
    })();
  });
}

/**
 * Every release of a history (newest first, parents included), each its own section, newest
 * first, as a regenerated CHANGELOG.md holds them. Released sections come from the cache where
 * kept; the others are built from their parsed commits, which `parsed` gives for the commits of
 * the sections to build (null: not all at hand; then so is the answer).
 */
export async function releaseSections<C extends GraphCommit>(
  core: Core,
  commits: C[],
  releases: ReleaseTag[],
  inputs: SectionInputs,
  parsed: (commits: C[]) => Promise<CommitRecord[] | null>,
): Promise<RenderedRelease[] | null> {
  const all = sections(commits, releases, inputs);
  const kept = await keptSections(
    core,
    all.flatMap((section) => (section.key === null ? [] : [section.key])),
  );
  const rendered = all.map((section) => (section.key === null ? undefined : kept.get(section.key)));
  const build = all.flatMap((section, at) => (rendered[at] ? [] : [at]));
  // Each section's commits, then the release commits (for their dates), in one ask.
  const wanted = build.flatMap((at) => all[at]!.commits);
  const dated = build.flatMap((at) => all[at]!.released ?? []);
  const parses = await parsed([...wanted, ...dated]);
  if (parses === null) return null;
  const dates = new Map(
    parses.slice(wanted.length).map((commit) => [commit.sha, changelogDate(commit.date)]),
  );
  const render = releaseRenderer(inputs.render);
  const made = new Map<string, RenderedRelease>();
  let next = 0;
  for (const at of build) {
    const section = all[at]!;
    const own = parses.slice(next, (next += section.commits.length));
    const document = buildChangelog(own, inputs.versioning, {
      version: section.version,
      date: section.released ? dates.get(section.released.sha)! : inputs.today,
      authors: inputs.authors,
    });
    const markdown = await render({ document, tag: section.tag, previousTag: section.previousTag });
    rendered[at] = { markdown, document };
    if (section.key !== null) made.set(section.key, rendered[at]);
  }
  keepSections(core, made);
  return rendered as RenderedRelease[];
}
