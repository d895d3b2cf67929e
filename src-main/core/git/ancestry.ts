import { isAncestor } from './branches.js';
import { git } from './run-git.js';
import { tagsMergedInto } from './tags.js';

/** Reachability questions about commits, by resolved SHA. */
export interface Ancestry {
  /** True when `ancestor` is reachable from `descendant` (or is it). */
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  /** Which tags (name → commit) are reachable from `sha`. */
  mergedInto(sha: string, tags: { name: string; sha: string }[]): Promise<Set<string>>;
}

/** Each question asked of git: right for one plan, where the repository is read once. */
export function gitAncestry(repo: string): Ancestry {
  const questions = new AncestorQuestions(repo);
  return {
    isAncestor: (ancestor, descendant) => questions.ask(ancestor, descendant),
    mergedInto: (sha, tags) =>
      tagsMergedInto(
        repo,
        sha,
        tags.map((tag) => tag.name),
      ),
  };
}

const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

interface Question {
  ancestor: string;
  descendant: string;
  answer: (reached: boolean) => void;
  fail: (error: unknown) => void;
}

/**
 * Reachability questions asked in one turn (a search asks its probes side by side) share one
 * git process where they can: a process costs more to start than git needs to answer. Those
 * about one ancestor are answered by one walk of what the descendants hold beyond it, those
 * about one descendant by one walk of what the ancestors hold beyond it; a lone question is
 * `merge-base --is-ancestor`, as before.
 */
class AncestorQuestions {
  #pending: Question[] = [];

  constructor(private readonly repo: string) {}

  ask(ancestor: string, descendant: string): Promise<boolean> {
    if (ancestor === descendant) return Promise.resolve(true);
    return new Promise((answer, fail) => {
      if (this.#pending.push({ ancestor, descendant, answer, fail }) === 1)
        queueMicrotask(() => this.#flush());
    });
  }

  #flush(): void {
    const asked = this.#pending;
    this.#pending = [];
    const full = (q: Question): boolean => FULL_SHA.test(q.ancestor) && FULL_SHA.test(q.descendant);
    const byAncestor = groupBy(asked.filter(full), (q) => q.ancestor);
    const alone: Question[] = asked.filter((q) => !full(q));
    const rest: Question[] = [];
    for (const group of byAncestor.values()) {
      if (group.length > 1) void this.#answer(group, () => this.#descendantsOf(group[0]!.ancestor, group));
      else rest.push(group[0]!);
    }
    for (const group of groupBy(rest, (q) => q.descendant).values()) {
      if (group.length > 1) void this.#answer(group, () => this.#ancestorsOf(group[0]!.descendant, group));
      else alone.push(group[0]!);
    }
    for (const q of alone)
      void this.#answer([q], async () => [await isAncestor(this.repo, q.ancestor, q.descendant)]);
  }

  async #answer(group: Question[], ask: () => Promise<boolean[]>): Promise<void> {
    try {
      const answers = await ask();
      group.forEach((q, i) => q.answer(answers[i]!));
    } catch (error) {
      for (const q of group) q.fail(error);
    }
  }

  /**
   * Which descendants reach `ancestor`: the commits they reach and it does not, with parents;
   * a descendant reaches it when one of those (itself included) has it as a parent.
   */
  async #descendantsOf(ancestor: string, group: Question[]): Promise<boolean[]> {
    const input = `${group.map((q) => q.descendant).join('\n')}\n^${ancestor}\n`;
    const out = await git(this.repo, ['rev-list', '--parents', '--stdin'], { input });
    const parents = new Map<string, string[]>();
    for (const line of out.split('\n')) {
      if (line === '') continue;
      const [sha = '', ...rest] = line.split(' ');
      parents.set(sha, rest);
    }
    return group.map(({ descendant }) => {
      const seen = new Set([descendant]);
      const stack = [descendant];
      while (stack.length > 0) {
        for (const parent of parents.get(stack.pop()!) ?? []) {
          if (parent === ancestor) return true;
          if (!seen.has(parent)) {
            seen.add(parent);
            stack.push(parent);
          }
        }
      }
      return false;
    });
  }

  /** Which ancestors `descendant` reaches: those not among the commits they reach and it does not. */
  async #ancestorsOf(descendant: string, group: Question[]): Promise<boolean[]> {
    const input = `${group.map((q) => q.ancestor).join('\n')}\n^${descendant}\n`;
    const beyond = new Set((await git(this.repo, ['rev-list', '--stdin'], { input })).split('\n'));
    return group.map(({ ancestor }) => !beyond.has(ancestor));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The graph above `tips` and the branches read once (`rev-list --parents`, one call) and every question answered
 * in memory: `replay` asks hundreds of plans about the same history, and without a commit-graph
 * each `merge-base --is-ancestor` walks it again (about a second on a 26k-commit repository).
 * Generation numbers prune each walk to the commits that can still lead to the ancestor.
 */
export async function readAncestry(repo: string, tips: string[]): Promise<Ancestry> {
  // Branch heads too: whether a target is on the main line is asked of it.
  const out = await git(repo, ['rev-list', '--parents', '--topo-order', '--branches', '--stdin'], {
    input: `${[...new Set(tips)].join('\n')}\n`,
  });
  const index = new Map<string, number>();
  const parents: number[][] = [];
  const lines = out.split('\n').filter(Boolean);
  lines.forEach((line, i) => index.set(line.split(' ', 1)[0]!, i));
  for (const line of lines) {
    const [, ...ids] = line.split(' ');
    parents.push(ids.map((id) => index.get(id)).filter((i): i is number => i !== undefined));
  }
  // Topological order lists children before parents: generations are filled from the end.
  const generation = new Int32Array(lines.length);
  for (let i = lines.length - 1; i >= 0; i--) {
    let highest = 0;
    for (const p of parents[i]!) highest = Math.max(highest, generation[p]!);
    generation[i] = highest + 1;
  }
  const reaches = (from: number, to: number): boolean => {
    if (from === to) return true;
    const floor = generation[to]!;
    const seen = new Uint8Array(lines.length);
    const stack = [from];
    while (stack.length > 0) {
      for (const p of parents[stack.pop()!]!) {
        if (p === to) return true;
        if (!seen[p] && generation[p]! > floor) {
          seen[p] = 1;
          stack.push(p);
        }
      }
    }
    return false;
  };
  const fallback = gitAncestry(repo);
  const ancestry: Ancestry = {
    async isAncestor(ancestor, descendant) {
      const a = index.get(ancestor);
      const d = index.get(descendant);
      if (a === undefined || d === undefined) return fallback.isAncestor(ancestor, descendant);
      return reaches(d, a);
    },
    async mergedInto(sha, tags) {
      const from = index.get(sha);
      if (from === undefined) return fallback.mergedInto(sha, tags);
      // One walk of everything `sha` reaches, then each tag is a lookup.
      const seen = new Uint8Array(lines.length);
      seen[from] = 1;
      const stack = [from];
      while (stack.length > 0) {
        for (const p of parents[stack.pop()!]!) {
          if (!seen[p]) {
            seen[p] = 1;
            stack.push(p);
          }
        }
      }
      const reached = (tag: { sha: string }): boolean => {
        const i = index.get(tag.sha);
        return i !== undefined && seen[i] === 1;
      };
      return new Set(tags.filter(reached).map((tag) => tag.name));
    },
  };
  return ancestry;
}
