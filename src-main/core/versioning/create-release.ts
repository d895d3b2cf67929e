import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReleaseOutcome } from '../../../shared/domain/release.js';
import { CHANGELOG_FILE, prependSection } from '../changelog/changelog-file.js';
import type { Core } from '../context.js';
import { actorIn } from '../context.js';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from '../git/refs.js';
import {
  assertOnBranch,
  inspectRepository,
  isWorkingTreeClean,
  mainWorkingCopy,
} from '../git/repository-state.js';
import { git, runGit } from '../git/run-git.js';
import type { ReleasePlan } from './plan-release.js';
import { planRelease } from './plan-release.js';
import type { FileChange } from './version-files.js';
import { versionFileChanges } from './version-files.js';

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

export type ReleaseStep = 'files' | 'commit' | 'tag' | 'push';

/** Not reachable from the API or CLI: lets tests act between steps (e.g. make the tag collide). */
export interface ReleaseInternals {
  beforeStep?: (step: ReleaseStep) => void | Promise<void>;
}

interface Prepared {
  plan: ReleasePlan;
  version: string;
  tag: string;
  branch: string;
  files: FileChange[];
  commitMessage: string;
  tagMessage: string;
  push: { remote: string; branchRef: string } | null;
}

async function tagExists(root: string, tag: string): Promise<boolean> {
  const result = await runGit(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], {
    okExitCodes: [1],
  });
  return result.exitCode === 0;
}

/** Where `--push` sends the branch: its upstream, else `origin` under the same name. */
async function pushTarget(root: string, branch: string): Promise<{ remote: string; branchRef: string }> {
  const config = async (key: string) =>
    (await runGit(root, ['config', '--get', key], { okExitCodes: [1] })).stdout.trim() || null;
  const remote = (await config(`branch.${branch}.remote`)) ?? 'origin';
  const remotes = (await git(root, ['remote'])).split('\n');
  if (remote === '.' || !remotes.includes(remote)) {
    throw new DeskError(
      'refused',
      `Cannot push: the remote "${remote}" does not exist (git remote add ${remote} <url>).`,
    );
  }
  return { remote, branchRef: (await config(`branch.${branch}.merge`)) ?? `refs/heads/${branch}` };
}

/** Every check, and every file's new content, before anything is written. */
async function prepare(core: Core, repoDir: string, request: CreateReleaseRequest): Promise<Prepared> {
  const state = await inspectRepository(repoDir);
  const branch = assertOnBranch(state);
  if (request.releaseAs !== undefined && !request.reason?.trim()) {
    throw new DeskError('invalid-input', 'A reason is required to override the version.');
  }
  const plan = await planRelease(core, state.root, {
    prerelease: request.prerelease,
    releaseAs: request.releaseAs,
  });
  if (!(await isWorkingTreeClean(state.root))) {
    throw new DeskError('refused', 'The working tree has uncommitted changes: commit or stash them first.');
  }
  const { next: version, tagName: tag, current, commitCount } = plan.view;
  if (version === null || tag === null) {
    const since = current ? `since ${plan.view.from}` : 'in the history';
    throw new DeskError(
      'refused',
      `Nothing to release: none of the ${commitCount} commits ${since} is a feat, fix, perf or breaking change (use --as VERSION --reason TEXT to release anyway).`,
    );
  }
  assertSafeRefName(tag, 'tag');
  if (await tagExists(state.root, tag)) throw new DeskError('refused', `The tag ${tag} already exists.`);

  const section = request.changelog?.trim() ? request.changelog : plan.view.changelog;
  const files = await versionFileChanges(state.root, version, plan.policy.versioning.files);
  const changelogPath = path.join(state.root, CHANGELOG_FILE);
  const existing = await readFile(changelogPath, 'utf8').catch(() => null);
  files.push({
    path: CHANGELOG_FILE,
    before: existing,
    after: prependSection(existing, section, version, plan.policy.versioning.tagPrefix),
    step:
      existing === null
        ? `Create ${CHANGELOG_FILE} with the ${version} notes`
        : `Add the ${version} notes to ${CHANGELOG_FILE}`,
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

/** Puts the repository back exactly as it was: no tag without its commit, no commit without its tag. */
async function rollback(
  root: string,
  head: string,
  files: FileChange[],
  tag: string,
  tagCreated: boolean,
): Promise<void> {
  if (tagCreated) await runGit(root, ['tag', '-d', '--end-of-options', tag], { okExitCodes: [1] });
  // The tree was clean before, so a hard reset loses nothing of the user's.
  await git(root, ['reset', '-q', '--hard', head]);
  for (const file of files) {
    const full = path.join(root, file.path);
    if (file.before === null) await rm(full, { force: true });
    else await writeFile(full, file.before);
  }
}

/**
 * Cuts a release: version files, CHANGELOG.md, the `chore(release)` commit, an annotated (or
 * signed) tag, and a push only when asked. Refusals change nothing; a failure midway puts the
 * repository back as it was. Every release, override and failure is in the audit log.
 */
export async function createRelease(
  core: Core,
  repoDir: string,
  request: CreateReleaseRequest,
  internals: ReleaseInternals = {},
): Promise<ReleaseOutcome> {
  const sign = request.sign === true;
  const root = (await inspectRepository(repoDir)).root;
  const auditRepo = await mainWorkingCopy(root);
  const actor = await actorIn(core, root);
  const failed = (step: string, reason: string, version: string | null) =>
    core.db.transaction(() =>
      core.audit.append({
        actor,
        action: 'release.failed',
        repo: auditRepo,
        subject: version,
        details: { step, reason },
      }),
    )();

  let p: Prepared;
  try {
    p = await prepare(core, root, request);
  } catch (error) {
    if (!request.dryRun) failed('check', (error as Error).message, null);
    throw error;
  }
  const outcome: ReleaseOutcome = {
    version: p.version,
    tag: p.tag,
    sha: null,
    dryRun: request.dryRun === true,
    pushed: false,
    files: p.files.map((file) => file.path),
    commitMessage: p.commitMessage,
    steps: describeSteps(p, sign),
  };
  if (request.dryRun) return outcome;

  const head = p.plan.state.head;
  const env = core.gitEnv;
  let step: ReleaseStep = 'files';
  let tagCreated = false;
  try {
    await internals.beforeStep?.(step);
    for (const file of p.files) await writeFile(path.join(root, file.path), file.after);
    step = 'commit';
    await internals.beforeStep?.(step);
    await git(root, ['add', '--', ...outcome.files], { env });
    await git(root, ['commit', '-q', '-m', p.commitMessage], { env });
    outcome.sha = (await git(root, ['rev-parse', 'HEAD'])).trim();
    step = 'tag';
    await internals.beforeStep?.(step);
    const kind = sign ? '-s' : '-a';
    await git(
      root,
      ['tag', kind, '--cleanup=whitespace', '-m', p.tagMessage, '--end-of-options', p.tag, outcome.sha],
      { env },
    );
    tagCreated = true;
    if (p.push) {
      step = 'push';
      await internals.beforeStep?.(step);
      const refs = [`refs/heads/${p.branch}:${p.push.branchRef}`, `refs/tags/${p.tag}:refs/tags/${p.tag}`];
      await git(root, ['push', '--atomic', '--quiet', '--end-of-options', p.push.remote, ...refs], { env });
      outcome.pushed = true;
    }
  } catch (error) {
    const reason = (error as Error).message;
    await rollback(root, head, p.files, p.tag, tagCreated);
    failed(step, reason, p.version);
    throw new DeskError(
      error instanceof DeskError ? error.code : 'git-failed',
      `Release ${p.tag} failed at the ${step} step and was undone (nothing changed): ${reason}`,
    );
  }

  const details = {
    version: p.version,
    tag: p.tag,
    sha: outcome.sha,
    files: outcome.files,
    pushed: outcome.pushed,
  };
  core.db.transaction(() => {
    if (request.releaseAs !== undefined) {
      core.audit.append({
        actor,
        action: 'release.overridden',
        repo: auditRepo,
        subject: p.tag,
        details: {
          version: p.version,
          reason: request.reason?.trim() ?? '',
          computedBump: p.plan.decision.bump,
        },
      });
    }
    core.audit.append({
      actor,
      action: 'release.created',
      repo: auditRepo,
      subject: p.tag,
      details: { ...details, signed: sign, previous: p.plan.view.current, bump: p.plan.view.bump },
    });
  })();
  return outcome;
}
