import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReleaseOutcome } from '../../../shared/domain/release.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import type { Intent } from '../intent/intent-store.js';
import { commitStaged, firstParentCommits, resetHard, stage, unstage } from '../git/commits.js';
import { pushRefs, transferProgress } from '../git/remote.js';
import { createAnnotatedTag, deleteTag, tagCommit } from '../git/tags.js';
import type { FileChange } from './version-files.js';

/** Everything a release will do, decided before the first change and kept in its intent. */
export interface ReleasePlan {
  /** Where the release is made: the user's working copy, or a temporary worktree. */
  root: string;
  /** The main working copy: the repository the records name. */
  repo: string;
  actor: string;
  version: string;
  tag: string;
  branch: string;
  /** The branch head the release commit goes on. */
  head: string;
  files: FileChange[];
  commitMessage: string;
  tagMessage: string;
  sign: boolean;
  push: { remote: string; branchRef: string } | null;
  override: { reason: string; computedBump: string } | null;
  previous: string | null;
  bump: string;
  steps: string[];
}

export type ReleaseStep = 'files' | 'commit' | 'tag' | 'push';

/** Not reachable from the API or CLI: lets tests act between steps (e.g. make the tag collide). */
export interface ReleaseInternals {
  beforeStep?: (step: ReleaseStep) => void | Promise<void>;
}

export function releaseOutcome(
  plan: ReleasePlan,
  sha: string | null,
  pushed: boolean,
  dryRun = false,
): ReleaseOutcome {
  return {
    version: plan.version,
    tag: plan.tag,
    sha,
    dryRun,
    pushed,
    files: plan.files.map((file) => file.path),
    commitMessage: plan.commitMessage,
    steps: plan.steps,
  };
}

async function createTag(plan: ReleasePlan, sha: string, env: NodeJS.ProcessEnv): Promise<void> {
  await createAnnotatedTag(
    plan.root,
    { name: plan.tag, sha, message: plan.tagMessage, sign: plan.sign, cleanup: 'whitespace' },
    env,
  );
}

/** Pushes the branch and the tag, reporting git's progress on the core's progress stream. */
async function push(core: Core, plan: ReleasePlan): Promise<void> {
  const target = plan.push!;
  const refs = [
    `refs/heads/${plan.branch}:${target.branchRef}`,
    `refs/tags/${plan.tag}:refs/tags/${plan.tag}`,
  ];
  const progress = transferProgress(core.progress, `release-push-${plan.tag}`, 'push');
  try {
    await pushRefs(plan.root, target.remote, refs, { env: core.gitEnv, onProgress: progress.onProgress });
  } finally {
    progress.end();
  }
}

/**
 * Puts back the files the release wrote and unstages them, leaving any the user has edited since
 * (after a crash, someone may have). Returns the paths left as they are.
 */
export async function undoReleaseFiles(plan: ReleasePlan): Promise<string[]> {
  const kept: string[] = [];
  await unstage(
    plan.root,
    plan.files.map((file) => file.path),
  );
  for (const file of plan.files) {
    const full = path.join(plan.root, file.path);
    const now = await readFile(full, 'utf8').catch(() => null);
    if (now === file.before) continue;
    if (now !== file.after) {
      kept.push(file.path);
      continue;
    }
    if (file.before === null) await rm(full, { force: true });
    else await writeFile(full, file.before);
  }
  return kept;
}

/**
 * Undoes a failed release (not a promotion rollback): puts the repository back exactly as it
 * was, no tag without its commit, no commit without its tag.
 */
async function undoRelease(plan: ReleasePlan, tagCreated: boolean): Promise<void> {
  if (tagCreated) await deleteTag(plan.root, plan.tag);
  // The tree was clean before, so a hard reset loses nothing of the user's.
  await resetHard(plan.root, plan.head);
  for (const file of plan.files) {
    const full = path.join(plan.root, file.path);
    if (file.before === null) await rm(full, { force: true });
    else await writeFile(full, file.before);
  }
}

/**
 * Writes the files, commits, tags and (when asked) pushes, recording each step in `intent`. A
 * failure puts the repository back as it was and throws saying at which step.
 */
export async function applyRelease(
  core: Core,
  plan: ReleasePlan,
  intent: Intent<unknown>,
  internals: ReleaseInternals = {},
): Promise<{ sha: string; pushed: boolean }> {
  const env = core.gitEnv;
  let step: ReleaseStep = 'files';
  let tagCreated = false;
  try {
    await internals.beforeStep?.(step);
    for (const file of plan.files) await writeFile(path.join(plan.root, file.path), file.after);
    intent.step('files');
    step = 'commit';
    await internals.beforeStep?.(step);
    await stage(
      plan.root,
      plan.files.map((file) => file.path),
      env,
    );
    intent.step('staged');
    const sha = await commitStaged(plan.root, plan.commitMessage, env);
    intent.step('commit', sha);
    step = 'tag';
    await internals.beforeStep?.(step);
    await createTag(plan, sha, env);
    tagCreated = true;
    intent.step('tag');
    if (plan.push) {
      step = 'push';
      await internals.beforeStep?.(step);
      await push(core, plan);
      intent.step('push');
    }
    return { sha, pushed: plan.push !== null };
  } catch (error) {
    const reason = (error as Error).message;
    await undoRelease(plan, tagCreated);
    throw new ReleaseStepError(step, reason, error instanceof DeskError ? error.code : 'git-failed');
  }
}

export class ReleaseStepError extends DeskError {
  constructor(
    readonly step: ReleaseStep,
    readonly reason: string,
    code: DeskError['code'],
  ) {
    super(code, reason);
  }
}

/** The release commit: the commit on `plan.branch` right after `plan.head` with the release message. */
async function releaseCommit(plan: ReleasePlan, recorded: string | undefined): Promise<string | null> {
  const commits = await firstParentCommits(plan.root, plan.head, plan.branch);
  const found = commits?.find(
    ({ sha, parent, subject }) =>
      sha === recorded || (parent === plan.head && subject === plan.commitMessage),
  );
  return found?.sha ?? null;
}

/** Where the release tag points (peeled), or null when it does not exist. */
async function tagTarget(plan: ReleasePlan): Promise<string | null> {
  return tagCommit(plan.root, plan.tag);
}

export type ReleaseResumption =
  { kind: 'completed'; sha: string; pushed: boolean; detail: string } | { kind: 'undone'; detail: string };

/**
 * After a crash: what git says the release got to, then finish it (tag the release commit, push
 * when asked) or put back what it wrote. The release is done when its tag points at its commit.
 */
export async function resumeReleaseSteps(
  core: Core,
  plan: ReleasePlan,
  intent: Intent<unknown>,
  options: { filesGone?: boolean } = {},
): Promise<ReleaseResumption> {
  const commit = await releaseCommit(plan, intent.data<string>('commit'));
  const tagged = await tagTarget(plan);
  if (commit === null) {
    const kept = options.filesGone ? [] : await undoReleaseFiles(plan);
    const other = tagged === null ? '' : ` (the tag ${plan.tag} was made by someone else meanwhile)`;
    const left = kept.length
      ? `; left ${kept.join(', ')} as you changed ${kept.length === 1 ? 'it' : 'them'}`
      : '';
    const files = options.filesGone ? 'its worktree was removed' : `the files it wrote were put back${left}`;
    return { kind: 'undone', detail: `nothing was committed${other}; ${files}` };
  }
  if (tagged !== null && tagged !== commit) {
    return {
      kind: 'undone',
      detail: `the tag ${plan.tag} points at ${tagged.slice(0, 7)}, made by someone else; the release commit ${commit.slice(0, 7)} stays on ${plan.branch} (git reset --hard ${plan.head.slice(0, 7)} drops it)`,
    };
  }
  const made: string[] = [];
  if (tagged === null) {
    await createTag(plan, commit, core.gitEnv);
    made.push(`tagged ${commit.slice(0, 7)}`);
  }
  intent.step('tag');
  let pushed = false;
  if (plan.push) {
    if (!intent.has('push')) {
      await push(core, plan);
      made.push(`pushed to ${plan.push.remote}`);
    }
    pushed = true;
    intent.step('push');
  }
  return { kind: 'completed', sha: commit, pushed, detail: made.join(', ') };
}

/** The release's audit events; call inside the transaction that ends its intent. */
export function recordRelease(core: Core, plan: ReleasePlan, sha: string, pushed: boolean): void {
  if (plan.override) {
    core.audit.append({
      actor: plan.actor,
      action: 'release.overridden',
      repo: plan.repo,
      subject: plan.tag,
      details: {
        version: plan.version,
        reason: plan.override.reason,
        computedBump: plan.override.computedBump,
      },
    });
  }
  core.audit.append({
    actor: plan.actor,
    action: 'release.created',
    repo: plan.repo,
    subject: plan.tag,
    details: {
      version: plan.version,
      tag: plan.tag,
      sha,
      files: plan.files.map((file) => file.path),
      pushed,
      signed: plan.sign,
      previous: plan.previous,
      bump: plan.bump,
    },
  });
}
