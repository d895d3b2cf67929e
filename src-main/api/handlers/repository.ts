import type { repositoryChannels } from '../../../shared/api/repository.js';
import { actorIn } from '../../core/context.js';
import {
  openRepository,
  recentRepositories,
  summarizeRepository,
} from '../../core/repository/open-repository.js';
import { expandHome } from '../../core/repository/home-path.js';
import { releaseTags } from '../../core/repository/release-tags.js';
import { inspectRepository } from '../../core/git/repository-state.js';
import { verifyAuditAndLedger } from '../../core/ledger/verify-ledger.js';
import type { HandlerGroup } from '../handler-types.js';
import { APP_VERSION } from '../../app-version.js';

export const repositoryHandlers: HandlerGroup<keyof typeof repositoryChannels> = {
  'repository.open': async ({ path }, { core }) => openRepository(core, expandHome(path.trim())),
  'repository.summary': async ({ path }) => summarizeRepository(path),
  'repository.recent': async (_input, { core }) => recentRepositories(core),
  'repository.releases': async ({ path }) => releaseTags(path),
  'audit.list': async (query, { core }) => core.audit.page(query),
  'audit.verify': async ({ repo }, { core }) =>
    verifyAuditAndLedger(core, repo ? (await inspectRepository(repo)).root : null),
  'app.info': async (_input, { core, mode }) => ({
    version: APP_VERSION,
    mode,
    actor: await actorIn(core, process.cwd()).catch(() => null),
  }),
};
