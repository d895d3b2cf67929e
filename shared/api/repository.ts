import * as z from 'zod';
import type { AuditPage, AuditVerification } from '../domain/audit.js';
import type { PromotableRelease } from '../domain/promotion.js';
import type { RecentRepository, RepositorySummary } from '../domain/repository.js';
import { channel } from './define.js';

const filterText = z.string().min(1).max(500);

export const repoPath = z.string().min(1, 'a repository path is required').max(4096);

export const repositoryChannels = {
  'repository.open': channel<RepositorySummary>()(() => z.object({ path: repoPath })),
  'repository.summary': channel<RepositorySummary>()(() => z.object({ path: repoPath })),
  'repository.recent': channel<RecentRepository[]>()(() => z.object({})),
  'repository.releases': channel<PromotableRelease[]>()(() => z.object({ path: repoPath })),
  /** A repository's shared ledger and its local-only events (with `repo`), else this machine's log; newest first. */
  'audit.list': channel<AuditPage>()(() =>
    z.object({
      repo: repoPath.optional(),
      action: filterText.optional(),
      actor: filterText.optional(),
      release: filterText.optional(),
      environment: filterText.optional(),
      search: filterText.optional(),
      excludeActions: z.array(filterText).max(50).optional(),
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().positive().max(1000).optional(),
      around: z.string().min(1).max(100).optional(),
      facets: z.boolean().optional(),
    }),
  ),
  'audit.verify': channel<AuditVerification>()(() => z.object({ repo: repoPath.optional() })),
  'app.info': channel<{ version: string; mode: 'electron' | 'browser' }>()(() => z.object({})),
};
