import type { promotionChannels } from '../../../shared/api/promotion.js';
import { approve, overrideWindow, reject, tick } from '../../core/promotion/approvals.js';
import {
  environmentColumns,
  promotionBoard,
  releaseCandidates,
  waitingForMe,
} from '../../core/promotion/board.js';
import { promotionDetail } from '../../core/promotion/detail.js';
import { finishDuePromotions } from '../../core/promotion/due.js';
import { exportEvidence } from '../../core/promotion/evidence.js';
import { rollback } from '../../core/promotion/rollback.js';
import { releaseSituation } from '../../core/promotion/situation.js';
import { promote } from '../../core/promotion/promote.js';
import { resumeInterrupted } from '../../core/intent/resume.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

// The board and the promotion page settle first what a killed process left (shown as interrupted).
// Every look at promotions first finishes those whose soak ended or window opened since: the CLI
// has no clock running between calls, so its next look is when they finish.
export const promotionHandlers: HandlerGroup<keyof typeof promotionChannels> = {
  'promotion.board': async ({ path }, { core }) => {
    const repo = await repositoryOf(core, path);
    await resumeInterrupted(core, repo);
    await finishDuePromotions(core, repo);
    return promotionBoard(core, repo);
  },
  'promotion.environments': async ({ path }, { core }) => {
    const repo = await repositoryOf(core, path);
    await finishDuePromotions(core, repo);
    return environmentColumns(core, repo);
  },
  'promotion.releases': async ({ path }, { core }) => releaseCandidates(core, await repositoryOf(core, path)),
  'promotion.start': async ({ path, version, environment, retryDeploy, reason }, { core }) =>
    promote(core, await repositoryOf(core, path), version, environment, null, { retryDeploy, reason }),
  'promotion.gates': async ({ path, version, environment }, { core }) => {
    const repo = await repositoryOf(core, path);
    await resumeInterrupted(core, repo);
    const due = await finishDuePromotions(core, repo);
    const detail = promotionDetail(core, await releaseSituation(core, repo, version), environment);
    const finished = due.finished.find((d) => d.version === detail.version && d.environment === environment);
    return finished?.finished ? { ...detail, finished: finished.finished } : detail;
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
