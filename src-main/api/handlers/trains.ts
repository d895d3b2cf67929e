import type { trainChannels } from '../../../shared/api/trains.js';
import { cutTrain } from '../../core/trains/cut-train.js';
import { pickOntoTrain, trainCandidates } from '../../core/trains/pick-train.js';
import { shipTrain } from '../../core/trains/ship-train.js';
import { trainBoard } from '../../core/trains/train-board.js';
import { cancelTrain, decideGoNoGo, freezeTrain } from '../../core/trains/train-lifecycle.js';
import { planTrains } from '../../core/trains/train-plan.js';
import { assertCommitish } from '../../core/git/refs.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

// Refs typed by users are checked before the repository is read: no git process ever sees them
// unchecked, not even the repository's own reads.
export const trainHandlers: HandlerGroup<keyof typeof trainChannels> = {
  'train.plan': async ({ path }, { core }) => planTrains(core, await repositoryOf(core, path)),
  'train.status': async ({ path }, { core }) => trainBoard(core, await repositoryOf(core, path)),
  'train.cut': async ({ path, at }, { core }) => {
    if (at !== undefined) assertCommitish(at);
    return cutTrain(core, await repositoryOf(core, path), at);
  },
  'train.candidates': async ({ path, ...filter }, { core }) =>
    trainCandidates(core, await repositoryOf(core, path), filter),
  'train.pick': async ({ path, shas }, { core }) => {
    shas.forEach((sha) => assertCommitish(sha));
    return pickOntoTrain(core, await repositoryOf(core, path), shas);
  },
  'train.freeze': async ({ path }, { core }) => freezeTrain(core, await repositoryOf(core, path)),
  'train.goNoGo': async ({ path, decision, comment }, { core }) =>
    decideGoNoGo(core, await repositoryOf(core, path), decision, comment),
  'train.ship': async ({ path, push }, { core }) => shipTrain(core, await repositoryOf(core, path), { push }),
  'train.cancel': async ({ path, reason }, { core }) =>
    cancelTrain(core, await repositoryOf(core, path), reason),
};
