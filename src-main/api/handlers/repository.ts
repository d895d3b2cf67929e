import type { repositoryChannels } from '../../../shared/api/repository.js';
import {
  openRepository,
  recentRepositories,
  summarizeRepository,
  withDatabaseNotice,
} from '../../core/repository/open-repository.js';
import { expandHome } from '../../core/repository/home-path.js';
import { releaseTags } from '../../core/repository/release-tags.js';
import { repositoryAuditPage } from '../../core/ledger/ledger-audit.js';
import { verifyAuditAndLedger } from '../../core/ledger/verify-ledger.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';
import { APP_VERSION } from '../../app-version.js';

export const repositoryHandlers: HandlerGroup<keyof typeof repositoryChannels> = {
  'repository.open': async ({ path }, { core }) =>
    openRepository(core, await repositoryOf(core, expandHome(path.trim()))),
  'repository.summary': async ({ path }, { core }) =>
    withDatabaseNotice(core, await summarizeRepository(await repositoryOf(core, path))),
  'repository.recent': async (_input, { core }) => recentRepositories(core),
  'repository.releases': async ({ path }, { core }) => releaseTags(await repositoryOf(core, path)),
  // Events are keyed by the working tree's top level: a path inside it names the same repository.
  'audit.list': async ({ repo, ...query }, { core }) =>
    repo === undefined
      ? core.audit.page(query)
      : repositoryAuditPage(core, await repositoryOf(core, repo), query),
  'audit.verify': async ({ repo }, { core }) =>
    verifyAuditAndLedger(core, repo ? (await repositoryOf(core, repo)).root : null),
  // No actor here: who acts is read per repository (the server's own directory may be another one).
  'app.info': async (_input, { mode }) => ({ version: APP_VERSION, mode }),
};
