import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReleaseOutcome } from '../../../shared/domain/release.js';
import { CHANGELOG_FILE, prependSection } from '../changelog/changelog-file.js';
import type { Core } from '../context.js';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from '../git/refs.js';
import { assertOnBranch, isWorkingTreeClean, mainWorkingCopy } from '../git/repository-state.js';
import { readConfig } from '../git/config.js';
import { remoteNames } from '../git/remote.js';
import { tagExists } from '../git/tags.js';
import { assertRepositoryFree, beginIntent } from '../intent/intent-store.js';
import { resumeBefore } from '../intent/resume.js';
import { repositoryContext, requireActor } from '../repository/repository-context.js';
import type { RepositoryContext, RepositoryRef } from '../repository/repository-context.js';
import type { ReleasePlan as PlannedRelease } from './plan-release.js';
import { planRelease } from './plan-release.js';
import type { ReleaseInternals, ReleasePlan } from './release-steps.js';
import { applyRelease, recordRelease, releaseOutcome, ReleaseStepError } from './release-steps.js';
import type { FileChange } from './version-files.js';
import { packageHome } from './package-paths.js';
import { inPackage, versionFileChanges } from './version-files.js';
import { versionTagNames } from './tag-naming.js';
import { writeTransaction } from '../store/write-transaction.js';

export type { ReleaseInternals, ReleaseStep } from './release-steps.js';

export interface CreateReleaseRequest {
  releaseAs?: string;
  /** Why the version is overridden; required with `releaseAs`. */
  reason?: string;
  prerelease?: string;
  /** The changelog section as the user edited it, instead of the generated one. */
  changelog?: string;
  dryRun?: boolean;
  push?: boolean;
  sign?: boolean;
}

interface Prepared {
  plan: PlannedRelease;
  version: string;
  tag: string;
  branch: string;
  files: FileChange[];
  commitMessage: string;
  tagMessage: string;
  push: { remote: string; branchRef: string } | null;
}

/** Where `--push` sends the branch: its upstream, else `origin` under the same name. */
async function pushTarget(root: string, branch: string): Promise<{ remote: string; branchRef: string }> {
  const config = async (key: string) => (await readConfig(root, key))?.trim() || null;
  const remote = (await config(`branch.${branch}.remote`)) ?? 'origin';
  const remotes = await remoteNames(root);
  if (remote === '.' || !remotes.includes(remote)) {
    throw new DeskError(
      'no-remote',
      `Cannot push: the remote "${remote}" does not exist (git remote add ${remote} <url>).`,
    );
  }
  return { remote, branchRef: (await config(`branch.${branch}.merge`)) ?? `refs/heads/${branch}` };
}

/** Every check, and every file's new content, before anything is written. */
async function prepare(
  core: Core,
  state: RepositoryContext,
  request: CreateReleaseRequest,
): Promise<Prepared> {
  const branch = assertOnBranch(state);
  if (request.releaseAs !== undefined && !request.reason?.trim()) {
    throw new DeskError('invalid-input', 'A reason is required to override the version.');
  }
  const plan = await planRelease(core, state, {
    prerelease: request.prerelease,
    releaseAs: request.releaseAs,
  });
  if (!(await isWorkingTreeClean(state.root))) {
    throw new DeskError(
      'dirty-working-tree',
      'The working tree has uncommitted changes: commit or stash them first.',
    );
  }
  const { next: version, tagName: tag, current, commitCount } = plan.view;
  if (version === null || tag === null) {
    const since = current ? `since ${plan.view.from}` : 'in the history';
    throw new DeskError(
      'nothing-to-release',
      `Nothing to release: none of the ${commitCount} commits ${since} is a feat, fix, perf or breaking change (use --as VERSION --reason TEXT to release anyway).`,
    );
  }
  assertSafeRefName(tag, 'tag');
  // The version's tag behind an older prefix is the same release (see plan-release).
  const names = versionTagNames(version, plan.policy.versioning);
  const exists = await Promise.all(names.map((name) => tagExists(state.root, name)));
  const taken = names.find((_, i) => exists[i]);
  if (taken !== undefined) throw new DeskError('tag-exists', `The tag ${taken} already exists.`);

  const section = request.changelog?.trim() ? request.changelog : plan.view.changelog;
  // A monorepo's package (versioning.paths) keeps its package.json and CHANGELOG.md in its own directory.
  const home = packageHome(plan.policy.versioning.paths);
  const files = await versionFileChanges(state.root, version, plan.policy.versioning.files, home);
  const changelogFile = inPackage(home, CHANGELOG_FILE);
  const existing = await readFile(path.join(state.root, changelogFile), 'utf8').catch(() => null);
  files.push({
    path: changelogFile,
    before: existing,
    after: prependSection(existing, section, version, plan.policy.versioning.tagPrefix),
    step:
      existing === null
        ? `Create ${changelogFile} with the ${version} notes`
        : `Add the ${version} notes to ${changelogFile}`,
  });
  return {
    plan,
    version,
    tag,
    branch,
    files,
    commitMessage: `chore(release): ${tag}`,
    tagMessage: `${tag}\n\n${section.trim()}\n`,
    push: request.push ? await pushTarget(state.root, branch) : null,
  };
}

function describeSteps(p: Prepared, sign: boolean): string[] {
  return [
    ...p.files.map((file) => file.step),
    `Commit "${p.commitMessage}" on ${p.branch}`,
    `Create the ${sign ? 'signed' : 'annotated'} tag ${p.tag}`,
    p.push
      ? `Push ${p.branch} and ${p.tag} to ${p.push.remote}`
      : 'Nothing is pushed: the release stays local until you push it',
  ];
}

/**
 * Every check and every file's new content, as the plan a release intent keeps: nothing is
 * written. Refusals are in the audit log (except for a dry run).
 */
export async function prepareRelease(
  core: Core,
  repoDir: RepositoryRef,
  request: CreateReleaseRequest,
): Promise<{ plan: ReleasePlan; computedBump: string }> {
  const sign = request.sign === true;
  const context = await repositoryContext(core, repoDir);
  const { root } = context;
  const repo = await mainWorkingCopy(root);
  const actor = await requireActor(context);
  let p: Prepared;
  try {
    p = await prepare(core, context, request);
  } catch (error) {
    // Another process's release may have begun meanwhile: its files are not the user's changes.
    if (!request.dryRun) assertRepositoryFree(core, repo);
    if (!request.dryRun) failed(core, { actor, repo }, 'check', (error as Error).message, null);
    throw error;
  }
  const plan: ReleasePlan = {
    root,
    repo,
    actor,
    version: p.version,
    tag: p.tag,
    branch: p.branch,
    head: p.plan.state.head,
    files: p.files,
    commitMessage: p.commitMessage,
    tagMessage: p.tagMessage,
    sign,
    push: p.push,
    override:
      request.releaseAs !== undefined
        ? { reason: request.reason?.trim() ?? '', computedBump: p.plan.decision.bump }
        : null,
    previous: p.plan.view.current,
    bump: p.plan.view.bump,
    steps: describeSteps(p, sign),
  };
  return { plan, computedBump: p.plan.decision.bump };
}

function failed(
  core: Core,
  who: { actor: string; repo: string },
  step: string,
  reason: string,
  version: string | null,
): void {
  writeTransaction(core.db, () =>
    core.audit.append({
      actor: who.actor,
      action: 'release.failed',
      repo: who.repo,
      subject: version,
      details: { step, reason },
    }),
  );
}

/**
 * Cuts a release: version files, CHANGELOG.md, the `chore(release)` commit, an annotated (or
 * signed) tag, and a push only when asked. Refusals change nothing; a failure midway puts the
 * repository back as it was. Every release, override and failure is in the audit log. The plan
 * is recorded (an intent) before the first change, so a release whose process is killed is
 * finished or undone by the next run; one that a recovery just finished is returned as it is.
 */
export async function createRelease(
  core: Core,
  repoDir: RepositoryRef,
  request: CreateReleaseRequest,
  internals: ReleaseInternals = {},
): Promise<ReleaseOutcome> {
  const repo = await repositoryContext(core, repoDir);
  if (!request.dryRun) {
    const resumed = await resumeBefore(core, repo, 'release');
    if (resumed) return resumed.result as ReleaseOutcome;
  }
  const { plan } = await prepareRelease(core, repo, request);
  if (request.dryRun) return releaseOutcome(plan, null, false, true);

  const intent = beginIntent(core, {
    repo: plan.repo,
    action: 'release',
    subject: plan.tag,
    plan: { release: plan },
  });
  let done: { sha: string; pushed: boolean };
  try {
    done = await applyRelease(core, plan, intent, internals);
  } catch (error) {
    const step = error instanceof ReleaseStepError ? error.step : 'files';
    const reason = error instanceof ReleaseStepError ? error.reason : (error as Error).message;
    writeTransaction(core.db, () => {
      failed(core, plan, step, reason, plan.version);
      intent.finish('rolled-back', core.now(), `failed at the ${step} step and was undone`);
    });
    throw new DeskError(
      error instanceof DeskError ? error.code : 'git-failed',
      `Release ${plan.tag} failed at the ${step} step and was undone (nothing changed): ${reason}`,
    );
  }
  const outcome = releaseOutcome(plan, done.sha, done.pushed);
  writeTransaction(core.db, () => {
    recordRelease(core, plan, done.sha, done.pushed);
    intent.finish('done', core.now());
  });
  return outcome;
}
