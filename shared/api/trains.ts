import * as z from 'zod';
import type {
  Train,
  TrainBoard,
  TrainCandidate,
  TrainCutResult,
  TrainPickOutcome,
  TrainPlan,
  TrainShipResult,
} from '../domain/trains.js';
import { channel } from './define.js';
import { repoPath } from './repository.js';

/** A revision as typed by a user; the core checks it is a safe ref or a SHA before git runs. */
export const revision = z.string().min(1).max(255);
const shas = z.array(revision).min(1, 'choose at least one commit').max(500);

export const trainChannels = {
  'train.plan': channel<TrainPlan>()(() => z.object({ path: repoPath })),
  'train.status': channel<TrainBoard>()(() => z.object({ path: repoPath })),
  'train.cut': channel<TrainCutResult>()(() => z.object({ path: repoPath, at: revision.optional() })),
  'train.candidates': channel<TrainCandidate[]>()(() =>
    z.object({
      path: repoPath,
      /** Only these Conventional Commit types (`other` = non-conventional). */
      types: z.array(z.string().min(1).max(40)).max(50).optional(),
      search: z.string().max(200).optional(),
      limit: z.number().int().positive().max(5000).optional(),
    }),
  ),
  'train.pick': channel<TrainPickOutcome>()(() => z.object({ path: repoPath, shas })),
  'train.freeze': channel<Train>()(() => z.object({ path: repoPath })),
  'train.goNoGo': channel<TrainBoard>()(() =>
    z.object({
      path: repoPath,
      decision: z.enum(['go', 'no-go']),
      comment: z.string().max(2000).optional(),
    }),
  ),
  'train.ship': channel<TrainShipResult>()(() => z.object({ path: repoPath, push: z.boolean().optional() })),
  'train.cancel': channel<Train>()(() =>
    z.object({ path: repoPath, reason: z.string().max(2000).optional() }),
  ),
};
