import type { promotionChannels } from '../../../shared/api/promotion.js';
import { approve, overrideWindow, reject, tick } from '../../core/promotion/approvals.js';
import {
  environmentColumns,
  promotionBoard,
  releaseCandidates,
  waitingForMe,
} from '../../core/promotion/board.js';
import { promotionDetail } from '../../core/promotion/detail.js';
import { exportEvidence } from '../../core/promotion/evidence.js';
import { rollback } from '../../core/promotion/rollback.js';
import { releaseSituation } from '../../core/promotion/situation.js';
import { promote } from '../../core/promotion/promote.js';
import { resumeInterrupted } from '../../core/intent/resume.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

// The board and the promotion page settle first what a killed process left (shown as interrupted).
export const promotionHandlers: HandlerGroup<keyof typeof promotionChannels> = {
  'promotion.board': async ({ path }, { core }) => {
    const repo = await repositoryOf(core, path);
    await resumeInterrupted(core, repo);
    return promotionBoard(core, repo);
  },
  'promotion.environments': async ({ path }, { core }) =>
    environmentColumns(core, await repositoryOf(core, path)),
  'promotion.releases': async ({ path }, { core }) => releaseCandidates(core, await repositoryOf(core, path)),
  'promotion.start': async ({ path, version, environment, retryDeploy, reason }, { core }) =>
    promote(core, await repositoryOf(core, path), version, environment, null, { retryDeploy, reason }),
  'promotion.gates': async ({ path, version, environment }, { core }) => {
    const repo = await repositoryOf(core, path);
    await resumeInterrupted(core, repo);
    return promotionDetail(core, await releaseSituation(core, repo, version), environment);
  },
  'promotion.tick': async ({ path, version, environment, item, note }, { core }) =>
    tick(core, await repositoryOf(core, path), version, environment, item, note),
  'promotion.approve': async ({ path, version, environment, comment }, { core }) =>
    approve(core, await repositoryOf(core, path), version, environment, comment),
  'promotion.reject': async ({ path, version, environment, comment }, { core }) =>
    reject(core, await repositoryOf(core, path), version, environment, comment),
  'promotion.overrideWindow': async ({ path, version, environment, reason }, { core }) =>
    overrideWindow(core, await repositoryOf(core, path), version, environment, reason),
  'promotion.rollback': async ({ path, environment }, { core }) =>
    rollback(core, await repositoryOf(core, path), environment),
  'promotion.evidence': async ({ path, version, format }, { core }) =>
    exportEvidence(core, await repositoryOf(core, path), version, format),
  'promotion.waitingForMe': async ({ path }, { core }) => waitingForMe(core, await repositoryOf(core, path)),
};
