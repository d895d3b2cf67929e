import * as z from 'zod';
import type {
  EnvironmentColumn,
  PromotionBoard,
  PromotionDetail,
  ReleaseCandidate,
  WaitingItem,
} from '../domain/promotion.js';
import { channel } from './define.js';
import { repoPath } from './repository.js';

/** A release as typed: `1.2.0` or its tag `v1.2.0`. Resolved against the repo's tags by the core. */
const version = z
  .string()
  .trim()
  .min(1, 'a version is required')
  .max(128)
  .regex(/^[0-9A-Za-z.+_/-]+$/, 'a version is letters, digits and . + - _ / (e.g. 1.2.0 or v1.2.0)');
const environment = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'an environment name is letters, digits, "-" and "_"')
  .max(100);
const target = { path: repoPath, version, environment };
const text = (what: string) => z.string().trim().min(1, `${what} is required`).max(4000);

export const promotionChannels = {
  /** One column per environment (the live release, every open promotion into it) and the releases that can be promoted. */
  'promotion.board': channel<PromotionBoard>()(() => z.object({ path: repoPath })),
  /** The environments in promotion order, each with the release live there and the one on its way (`env list`). */
  'promotion.environments': channel<EnvironmentColumn[]>()(() => z.object({ path: repoPath })),
  /** Release tags (SemVer with the policy's prefix), newest first, with where each has been. */
  'promotion.releases': channel<ReleaseCandidate[]>()(() => z.object({ path: repoPath })),
  /**
   * Starts or resumes the promotion: runs check gates (output streamed as progress events with
   * kind `check`, job `promotion:<environment>:<version>`), deploys (kind `deploy`) when every gate
   * passes. Resolves when nothing more can happen without people or time. A deploy that was
   * interrupted (its process killed) runs again only with `retryDeploy`. A release older than the
   * one live in the environment (a downgrade) needs a `reason`, recorded with the promotion.
   */
  'promotion.start': channel<PromotionDetail>()(() =>
    z.object({
      ...target,
      retryDeploy: z.boolean().optional(),
      reason: z.string().trim().max(4000).optional(),
    }),
  ),
  /**
   * The promotion and its gates as they stand, for the current identity. Changes nothing. Tick,
   * approve and overrideWindow finish the promotion when they pass its last gate (deploying per
   * policy) and then say so in `finished`.
   */
  'promotion.gates': channel<PromotionDetail>()(() => z.object(target)),
  'promotion.tick': channel<PromotionDetail>()(() =>
    z.object({ ...target, item: text('the checklist item'), note: z.string().trim().max(4000).optional() }),
  ),
  'promotion.approve': channel<PromotionDetail>()(() =>
    z.object({ ...target, comment: z.string().trim().max(4000).optional() }),
  ),
  'promotion.reject': channel<PromotionDetail>()(() => z.object({ ...target, comment: text('a comment') })),
  'promotion.overrideWindow': channel<PromotionDetail>()(() =>
    z.object({ ...target, reason: text('a reason') }),
  ),
  /**
   * Promotes the environment's previous succeeded release again (a rollback promotion), checking
   * again only the gates the policy's `rollback.recheck` names; `finished` says what happened.
   */
  'promotion.rollback': channel<PromotionDetail>()(() => z.object({ path: repoPath, environment })),
  'promotion.evidence': channel<{ format: 'markdown' | 'json'; fileName: string; text: string }>()(() =>
    z.object({ path: repoPath, version, format: z.enum(['markdown', 'json']).default('markdown') }),
  ),
  /** Open promotions where the current identity may approve or tick something. */
  'promotion.waitingForMe': channel<WaitingItem[]>()(() => z.object({ path: repoPath })),
};
