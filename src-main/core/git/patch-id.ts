import { createHash } from 'node:crypto';
import { git } from './run-git.js';

const TRAILER = /^\(cherry picked from commit ([0-9a-f]{7,64})\)$/gm;
const SHAS_PER_CALL = 2000;

/** The commits a message says it was cherry-picked from (`git cherry-pick -x` trailers). */
export function cherryPickedFrom(message: string): string[] {
  return [...message.matchAll(TRAILER)].map((match) => match[1]!);
}

/**
 * `git patch-id --stable` of each commit: the same change applied elsewhere (a cherry-pick)
 * gets the same id even though its SHA differs. Merge commits and empty commits get none.
 */
export async function patchIds(repo: string, shas: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < shas.length; i += SHAS_PER_CALL) {
    const batch = shas.slice(i, i + SHAS_PER_CALL);
    // diff-tree prints each commit's SHA on a line of its own before its patch, which is how
    // patch-id tells the commits apart; merges print no patch.
    const patches = await git(repo, ['diff-tree', '--stdin', '-p', '--no-color', '--no-ext-diff', '-r'], {
      input: `${batch.join('\n')}\n`,
    });
    if (patches.trim() === '') continue;
    const out = await git(repo, ['patch-id', '--stable'], { input: patches });
    for (const line of out.split('\n')) {
      const [patchId, sha] = line.split(' ');
      if (patchId && sha) ids.set(sha, patchId);
    }
  }
  return ids;
}

/**
 * What a commit's diff (against its first parent, as `patchIds` takes it) touches, cheaply: no
 * file's content is read. `paths` is the same for any two commits with one patch-id (it hashes
 * the paths they change); `exact` is the same only for identical diffs (it hashes modes, blob ids
 * and paths), which then surely share a patch-id.
 */
export interface DiffShape {
  paths: string;
  exact: string;
}

const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function digest(parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/**
 * The diff shape of each commit, from one `diff-tree --raw` per batch (trees compared, no blob
 * read: what git cherry's header-only patch-ids cost). Merges, roots and empty commits get none,
 * as in `patchIds`. `shas` must be full SHAs.
 */
export async function diffShapes(repo: string, shas: string[]): Promise<Map<string, DiffShape>> {
  const shapes = new Map<string, DiffShape>();
  for (let i = 0; i < shas.length; i += SHAS_PER_CALL) {
    const batch = shas.slice(i, i + SHAS_PER_CALL);
    const out = await git(repo, ['diff-tree', '--stdin', '-r', '-z', '--no-renames', '--no-abbrev'], {
      input: `${batch.join('\n')}\n`,
    });
    // -z: each commit's SHA, then per file its `:modes ids status` entry and its path.
    const tokens = out.split('\0');
    let sha: string | null = null;
    let paths: string[] = [];
    let entries: string[] = [];
    const close = (): void => {
      if (sha !== null && paths.length > 0) shapes.set(sha, { paths: digest(paths), exact: digest(entries) });
    };
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (token.startsWith(':')) {
        const path = tokens[++t] ?? '';
        paths.push(path);
        entries.push(token, path);
      } else if (FULL_SHA.test(token)) {
        close();
        [sha, paths, entries] = [token, [], []];
      }
    }
    close();
  }
  return shapes;
}

/**
 * One commit per change: commits whose patch-id is the same (a fix cherry-picked onto other
 * branches) collapse into the one the others were picked from, else the first committed. `newestFirst`
 * is a commit listing; the result keeps its order and names each kept commit's copies.
 */
export async function withoutCopies<T extends { sha: string; message: string; committerDate: string }>(
  repo: string,
  newestFirst: T[],
): Promise<{ commit: T; copies: string[] }[]> {
  const ids = await patchIds(
    repo,
    newestFirst.map((c) => c.sha),
  );
  const groups = new Map<string, T[]>();
  for (const commit of newestFirst) {
    const id = ids.get(commit.sha) ?? `sha:${commit.sha}`;
    groups.set(id, [...(groups.get(id) ?? []), commit]);
  }
  const kept = new Map<string, string[]>();
  for (const group of groups.values()) {
    const named = new Set(group.flatMap((c) => cherryPickedFrom(c.message)));
    const earliest = group.reduce(
      (a, b) => (Date.parse(b.committerDate) < Date.parse(a.committerDate) ? b : a),
      group[group.length - 1]!,
    );
    const original = group.find((c) => [...named].some((sha) => c.sha.startsWith(sha))) ?? earliest;
    kept.set(
      original.sha,
      group.filter((c) => c !== original).map((c) => c.sha),
    );
  }
  return newestFirst
    .filter((c) => kept.has(c.sha))
    .map((commit) => ({ commit, copies: kept.get(commit.sha)! }));
}
