import { patchIds, cherryPickedFrom } from './patch-id.js';
import { git, runGit } from './run-git.js';

/** A ref (tag or branch) a question is asked about, with the commit it points at. */
export interface TargetRef {
  name: string;
  sha: string;
}

export type ContainedVia = 'direct' | 'patch-id' | 'trailer';

/** One target holding one asked-about commit: directly, or through the equivalent commit `sha`. */
export interface Containment {
  target: string;
  via: ContainedVia;
  sha: string;
}

const RANK: Record<ContainedVia, number> = { direct: 0, trailer: 1, 'patch-id': 2 };

/** The common ancestors of all the asked-about commits (the commit itself when there is one). */
async function commonAncestors(repo: string, shas: string[]): Promise<string[]> {
  if (shas.length === 1) return shas;
  const result = await runGit(repo, ['merge-base', '--octopus', '--all', ...shas], { okExitCodes: [1] });
  return result.stdout.split('\n').filter(Boolean);
}

/**
 * For each asked-about commit, the targets that reach it. One walk: the history the targets
 * reach above the asked-about commits' common ancestors (nothing below those can reach them),
 * then each commit's descendants within it are followed to the target tips.
 */
async function directContainment(
  repo: string,
  shas: string[],
  targets: TargetRef[],
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>(shas.map((sha) => [sha, new Set<string>()]));
  const bases = await commonAncestors(repo, shas);
  const input = `${targets.map((t) => t.sha).join('\n')}\n${bases.map((sha) => `^${sha}`).join('\n')}\n`;
  const out = await git(repo, ['rev-list', '--parents', '--stdin'], { input });
  const children = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const [child, ...parents] = line.split(' ');
    for (const parent of parents) children.set(parent, [...(children.get(parent) ?? []), child!]);
  }
  const tips = new Map<string, string[]>();
  for (const target of targets) tips.set(target.sha, [...(tips.get(target.sha) ?? []), target.name]);
  for (const sha of shas) {
    const seen = new Set([sha]);
    const queue = [sha];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const name of tips.get(next) ?? []) found.get(sha)!.add(name);
      for (const child of children.get(next) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
  }
  return found;
}

interface SideCommit {
  sha: string;
  from: string[];
}

/**
 * Commits of the targets that could be an equivalent of some asked-about commit, with their pick
 * trailers: everything the targets reach except what every asked-about commit already reaches
 * (their common ancestors cannot be a later copy of any of them).
 */
async function sideCommits(repo: string, shas: string[], targets: TargetRef[]): Promise<SideCommit[]> {
  const common = await commonAncestors(repo, shas);
  const input = `${targets.map((t) => t.sha).join('\n')}\n${common.map((sha) => `^${sha}`).join('\n')}\n`;
  const out = await git(repo, ['log', '--no-merges', '-z', '--format=%H%x1f%B', '--stdin'], { input });
  return out
    .split('\0')
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha = '', message = ''] = record.split('\x1f');
      return { sha: sha.trim(), from: cherryPickedFrom(message) };
    });
}

/** One file each asked-about commit changes: an identical patch must change it too. */
async function firstFiles(repo: string, shas: string[]): Promise<string[]> {
  const asked = new Set(shas);
  const out = await git(repo, ['diff-tree', '--stdin', '-r', '--name-only', '-z'], {
    input: `${shas.join('\n')}\n`,
  });
  const files = new Set<string>();
  let takeNext = false;
  for (const token of out.split('\0')) {
    if (asked.has(token)) takeNext = true;
    else if (takeNext && token !== '') {
      files.add(token);
      takeNext = false;
    }
  }
  return [...files];
}

/** The side commits that could have the same patch as an asked-about commit (they touch its file). */
async function patchCandidates(repo: string, side: SideCommit[], files: string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const out = await git(
    repo,
    ['log', '--no-walk=unsorted', '--format=%H', '--stdin', '--', ...files.map((f) => `:(literal)${f}`)],
    {
      input: `${side.map((c) => c.sha).join('\n')}\n`,
    },
  );
  return out.split('\n').filter(Boolean);
}

/** Pick trailers of the asked-about commits themselves: the originals they were picked from. */
async function originsOf(repo: string, shas: string[]): Promise<Map<string, string[]>> {
  const out = await git(repo, ['log', '--no-walk=unsorted', '-z', '--format=%H%x1f%B', '--stdin'], {
    input: `${shas.join('\n')}\n`,
  });
  const origins = new Map<string, string[]>();
  for (const record of out.split('\0').filter((r) => r.trim() !== '')) {
    const [sha = '', message = ''] = record.split('\x1f');
    origins.set(sha.trim(), cherryPickedFrom(message));
  }
  return origins;
}

const sameCommit = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/**
 * Which targets hold each commit: reachable from the target (`direct`), or through an equivalent
 * commit on the target's side — one whose `(cherry picked from commit …)` trailer names it or
 * the commit it was itself picked from (`trailer`), or one with the same `git patch-id --stable`
 * (`patch-id`). All SHAs must be full and resolved.
 */
export async function containingRefs(
  repo: string,
  shas: string[],
  targets: TargetRef[],
): Promise<Map<string, Containment[]>> {
  const result = new Map<string, Map<string, Containment>>(shas.map((sha) => [sha, new Map()]));
  if (shas.length === 0 || targets.length === 0) return new Map(shas.map((sha) => [sha, []]));
  const add = (sha: string, c: Containment): void => {
    const current = result.get(sha)!;
    const existing = current.get(c.target);
    if (!existing || RANK[c.via] < RANK[existing.via]) current.set(c.target, c);
  };

  for (const [sha, names] of await directContainment(repo, shas, targets)) {
    for (const name of names) add(sha, { target: name, via: 'direct', sha });
  }

  const origins = await originsOf(repo, shas);
  const side = await sideCommits(repo, shas, targets);
  const candidates = side.length > 0 ? await patchCandidates(repo, side, await firstFiles(repo, shas)) : [];
  const ids =
    candidates.length > 0 ? await patchIds(repo, [...shas, ...candidates]) : new Map<string, string>();
  const matches: { asked: string; equivalent: string; via: ContainedVia }[] = [];
  for (const sha of shas) {
    const patchId = ids.get(sha);
    const found = new Map<string, ContainedVia>();
    // Two rounds: a copy found in the first (say by patch-id) lends its own origins to the
    // second, so a pick of the original counts for a plain copy of it too.
    let aliases = [sha, ...(origins.get(sha) ?? [])];
    for (let round = 0; round < 2; round++) {
      for (const commit of side) {
        if (commit.sha === sha || found.has(commit.sha)) continue;
        const related =
          aliases.some((alias) => sameCommit(alias, commit.sha)) ||
          commit.from.some((from) => aliases.some((alias) => sameCommit(alias, from)));
        if (related) found.set(commit.sha, 'trailer');
        else if (patchId !== undefined && ids.get(commit.sha) === patchId) found.set(commit.sha, 'patch-id');
      }
      const copies = side.filter((commit) => found.has(commit.sha));
      aliases = [...aliases, ...copies.map((c) => c.sha), ...copies.flatMap((c) => c.from)];
    }
    for (const [equivalent, via] of found) matches.push({ asked: sha, equivalent, via });
  }
  const equivalents = [...new Set(matches.map((m) => m.equivalent))];
  if (equivalents.length > 0) {
    const held = await directContainment(repo, equivalents, targets);
    for (const match of matches) {
      for (const name of held.get(match.equivalent) ?? []) {
        add(match.asked, { target: name, via: match.via, sha: match.equivalent });
      }
    }
  }
  return new Map([...result].map(([sha, byTarget]) => [sha, [...byTarget.values()]]));
}
