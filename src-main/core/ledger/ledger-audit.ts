import type { AuditPage, AuditQuery } from '../../../shared/domain/audit.js';
import { repositoryFeed } from '../audit/audit-feed.js';
import { queryFeed } from '../audit/audit-query.js';
import type { Core } from '../context.js';
import { repositoryContext } from '../repository/repository-context.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import { LOCAL_ACTIONS } from './event.js';
import { refreshLocalLedger } from './local-ledger.js';

/**
 * One page of a repository's audit list (the Audit screen, `audit list --repo`): its shared
 * ledger — everyone's events once synced, each with its signer — and the events of it that only
 * this machine holds (not yet shared, or never shared like an opening). The index is brought up
 * to the ledger's head first, so nothing is listed the ledger lacks and nothing it holds is missed.
 */
export async function repositoryAuditPage(
  core: Core,
  dir: RepositoryRef,
  query: Omit<AuditQuery, 'repo'> = {},
): Promise<AuditPage> {
  const { root } = await repositoryContext(core, dir);
  await refreshLocalLedger(core, root);
  const page = queryFeed(core.db, repositoryFeed(root, LOCAL_ACTIONS), { ...query, repo: root });
  return { ...page, pending: core.ledger.pending(root) };
}
