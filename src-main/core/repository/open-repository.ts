import path from 'node:path';
import type { RecentRepository, RepositorySummary } from '../../../shared/domain/repository.js';
import type { Core } from '../context.js';
import { remoteNames } from '../git/remote.js';
import { SHALLOW_WARNING } from '../git/repository-state.js';
import { repositoryContext, requireActor } from './repository-context.js';
import type { RepositoryRef } from './repository-context.js';
import { resolveReleaseRange } from '../versioning/release-range.js';
import { takeDatabaseNotice } from '../store/database.js';
import { writeTransaction } from '../store/write-transaction.js';

/** Header facts about a repository; validates it and writes nothing. */
export async function summarizeRepository(dir: RepositoryRef): Promise<RepositorySummary> {
  const state = await repositoryContext(null, dir);
  const warnings = state.shallow ? [SHALLOW_WARNING] : [];
  // A broken policy file must not lock the user out of the repo: it is reported, and actions
  // that need the policy refuse with the full error.
  if (state.policyError) warnings.push(state.policyError.message);
  if (state.policyNote) warnings.push(state.policyNote);
  const [{ latest }, remotes] = await Promise.all([
    resolveReleaseRange(state.root, state.head, state.tagNaming, {}),
    remoteNames(state.root),
  ]);
  return {
    path: state.root,
    name: path.basename(state.root),
    branch: state.branch,
    head: state.head,
    headShort: state.head.slice(0, 7),
    latestTag: latest?.name ?? null,
    latestVersion: latest?.version ?? null,
    remotes,
    warnings,
  };
}

/** Opens a repository: validates it first, then remembers it and records the opening. */
export async function openRepository(core: Core, dir: RepositoryRef): Promise<RepositorySummary> {
  const repo = await repositoryContext(core, dir);
  const summary = await summarizeRepository(repo);
  const actor = await requireActor(repo);
  writeTransaction(core.db, () => {
    core.db
      .prepare(
        `INSERT INTO repositories (path, name, opened_at) VALUES (?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET opened_at = excluded.opened_at`,
      )
      .run(summary.path, summary.name, core.now().toISOString());
    core.audit.append({
      actor,
      action: 'repository.opened',
      repo: summary.path,
      subject: summary.head,
      details: { branch: summary.branch, latestTag: summary.latestTag, warnings: summary.warnings },
    });
  });
  return withDatabaseNotice(core, summary);
}

/** A state database replaced at start-up is said once, with the first repository opened or read again. */
export function withDatabaseNotice(core: Core, summary: RepositorySummary): RepositorySummary {
  const notice = takeDatabaseNotice(core.db);
  return notice ? { ...summary, warnings: [...summary.warnings, notice] } : summary;
}

export function recentRepositories(core: Core, limit = 10): RecentRepository[] {
  return core.db
    .prepare('SELECT path, name, opened_at AS openedAt FROM repositories ORDER BY opened_at DESC LIMIT ?')
    .all(limit) as RecentRepository[];
}
