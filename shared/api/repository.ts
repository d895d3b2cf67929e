import * as z from 'zod';
import type { AuditEvent, AuditVerification } from '../domain/audit.js';
import type { RecentRepository, RepositorySummary } from '../domain/repository.js';
import { channel } from './define.js';

export const repoPath = z.string().min(1, 'a repository path is required').max(4096);

export const repositoryChannels = {
  'repository.open': channel<RepositorySummary>()(z.object({ path: repoPath })),
  'repository.summary': channel<RepositorySummary>()(z.object({ path: repoPath })),
  'repository.recent': channel<RecentRepository[]>()(z.object({})),
  'audit.list': channel<AuditEvent[]>()(
    z.object({ repo: repoPath.optional(), limit: z.number().int().positive().max(10_000).optional() }),
  ),
  'audit.verify': channel<AuditVerification>()(z.object({})),
  'app.info': channel<{ version: string; mode: 'electron' | 'browser'; actor: string | null }>()(
    z.object({}),
  ),
};
