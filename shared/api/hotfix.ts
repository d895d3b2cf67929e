import * as z from 'zod';
import type {
  ContainsResult,
  Hotfix,
  HotfixCandidate,
  HotfixFinishResult,
  HotfixPickOutcome,
  HotfixPreview,
  HotfixRelease,
} from '../domain/hotfix.js';
import { channel } from './define.js';
import { repoPath } from './repository.js';
import { revision } from './trains.js';

export const hotfixChannels = {
  'hotfix.releases': channel<HotfixRelease[]>()(() => z.object({ path: repoPath })),
  'hotfix.current': channel<Hotfix | null>()(() => z.object({ path: repoPath })),
  'hotfix.start': channel<Hotfix>()(() => z.object({ path: repoPath, from: revision })),
  'hotfix.candidates': channel<HotfixCandidate[]>()(() =>
    z.object({
      path: repoPath,
      /** Branch to list commits from; default: every local branch. */
      ref: revision.optional(),
      search: z.string().max(200).optional(),
      limit: z.number().int().positive().max(2000).optional(),
    }),
  ),
  'hotfix.pick': channel<HotfixPickOutcome>()(() =>
    z.object({ path: repoPath, shas: z.array(revision).min(1, 'choose at least one commit').max(200) }),
  ),
  'hotfix.preview': channel<HotfixPreview>()(() => z.object({ path: repoPath })),
  'hotfix.finish': channel<HotfixFinishResult>()(() =>
    z.object({ path: repoPath, push: z.boolean().optional() }),
  ),
  'hotfix.abort': channel<Hotfix>()(() => z.object({ path: repoPath })),
  'commit.contains': channel<ContainsResult>()(() => z.object({ path: repoPath, sha: revision })),
};
