import { randomUUID } from 'node:crypto';
import type { Core } from '../context.js';
import { listShas, newestLinks } from '../git/log.js';
import { chainOf, FIRST_READ_PROBE, loadHistory, readListed } from './commit-cache.js';
import type { GraphCommit } from './history-graph.js';
import { decodeGraph } from './history-graph.js';

/**
 * The whole history of `tip` as kept: each commit's place in the graph and its author, without
 * its message or parse; null when no history it grew from was kept (then `loadHistory` reads
 * it) or the repository is shallow (its histories grow when deepened). A whole-history
 * changelog needs no more to find its kept sections (release-sections.ts).
 *
 * New commits on top of a kept history are read and parsed, and the grown history kept: a
 * chain of them (see `keptHistory`), or a merge of a branch into it.
 */
export async function loadKeptGraph(
  core: Core,
  repo: string,
  tip: string,
  shallow: boolean,
): Promise<GraphCommit[] | null> {
  if (shallow) return null;
  const own = await core.commitCache.history([tip]);
  if (own) return own.graph === null ? null : decodeGraph(own.shas, own.graph);
  const { links } = await newestLinks(repo, tip, FIRST_READ_PROBE);
  const chain = chainOf(links);
  const found = await core.commitCache.history(chain.slice(1));
  if (found?.graph) {
    const below = decodeGraph(found.shas, found.graph);
    if (!below) return null;
    // found.at counts from the commit under the tip; git walks the chain, then the history below.
    const above = links.slice(0, found.at + 1).map((link) => link.sha);
    const read = await readListed(core, repo, { from: found.shas[0]!, to: tip }, job(), above);
    return kept(core, tip, [...read.commits, ...below], found.batches);
  }
  // A merge where the chain ends: what it brings in interleaves with the kept history by date,
  // in an order only git's walk gives. The SHAs come from one `rev-list` of the tip (no bodies),
  // and only the commits the kept history lacks are read.
  const merge = links[chain.length - 1];
  const parents = merge && merge.parents.length > 1 ? merge.parents : [];
  const base = parents.length > 0 ? await core.commitCache.history(parents) : null;
  const below = base?.graph ? decodeGraph(base.shas, base.graph) : null;
  if (!base || !below) return null;
  const [order, brought] = await Promise.all([
    listShas(repo, { from: null, to: tip }),
    loadHistory(core, repo, { from: parents[base.at]!, to: tip }),
  ]);
  const bySha = new Map<string, GraphCommit>(below.map((commit) => [commit.sha, commit]));
  for (const commit of brought.commits) bySha.set(commit.sha, commit);
  const commits: GraphCommit[] = [];
  for (const sha of order) {
    const commit = bySha.get(sha);
    if (commit === undefined) return null;
    commits.push(commit);
  }
  return kept(core, tip, commits, base.batches);
}

function kept(core: Core, tip: string, commits: GraphCommit[], batches: number[]): GraphCommit[] {
  core.commitCache.keepHistory(tip, commits, batches, true);
  return commits;
}

const job = (): string => `history-${randomUUID()}`;
