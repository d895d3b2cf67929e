import * as z from 'zod';
import type { ChangelogDocument, ReleaseOutcome, ReleasePlanView } from '../domain/release.js';
import type { ReleaseComparison, ReleaseHistory } from '../domain/history.js';
import type { ReplayReport } from '../domain/replay.js';
import { channel } from './define.js';
import { repoPath } from './repository.js';

const revision = z.string().min(1).max(255);
const prerelease = z
  .string()
  .regex(/^[0-9A-Za-z-]+$/, 'a prerelease channel is letters, digits and "-" (e.g. rc, beta)')
  .max(40);

/** One end of a comparison: a release (`2.1.0` or `v2.1.0`) or the release live in an environment. */
const compareEnd = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('release'), version: z.string().trim().min(1, 'choose a release').max(128) }),
  z.object({
    kind: z.literal('environment'),
    environment: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'an environment name is letters, digits, "-" and "_"')
      .max(100),
  }),
]);

export const releaseChannels = {
  'release.plan': channel<ReleasePlanView>()(() =>
    z.object({
      path: repoPath,
      from: revision.optional(),
      to: revision.optional(),
      prerelease: prerelease.optional(),
      /** Render the changelog preview (default); `next-version` leaves it out. */
      changelog: z.boolean().optional(),
    }),
  ),
  'release.changelog': channel<{
    markdown: string;
    /** The first (newest) of `documents`. */
    document: ChangelogDocument;
    /** Newest first; one unless `all`. */
    documents: ChangelogDocument[];
    warnings: string[];
  }>()(() =>
    z.object({
      path: repoPath,
      from: revision.optional(),
      to: revision.optional(),
      version: z.string().max(100).optional(),
      /** Every release in the range (default: the whole history), one section each. */
      all: z.boolean().optional(),
    }),
  ),
  'release.create': channel<ReleaseOutcome>()(() =>
    z
      .object({
        path: repoPath,
        releaseAs: z.string().max(100).optional(),
        reason: z.string().max(2000).optional(),
        prerelease: prerelease.optional(),
        /** The changelog section as edited by the user, replacing the generated one. */
        changelog: z.string().max(1_000_000).optional(),
        dryRun: z.boolean().optional(),
        push: z.boolean().optional(),
        sign: z.boolean().optional(),
      })
      .refine((v) => !v.releaseAs || (v.reason ?? '').trim().length > 0, {
        message: 'a reason is required when overriding the version',
        path: ['reason'],
      }),
  ),
  /** Past releases replayed: what Release Desk would have given each, against what shipped. */
  'release.replay': channel<ReplayReport>()(() =>
    z.object({
      path: repoPath,
      /** Start at this release tag, newest first. */
      since: z.string().min(1, 'since must name a release tag').max(255).optional(),
      limit: z
        .number()
        .int('limit must be a whole number')
        .min(1, 'limit must be at least 1')
        .max(100_000, 'limit must be at most 100000')
        .optional(),
    }),
  ),
  /** What changed between two releases or environments: range notes, grouped, and as Markdown. */
  'release.compare': channel<ReleaseComparison>()(() =>
    z.object({ path: repoPath, from: compareEnd, to: compareEnd }),
  ),
  /** Every release on its tag's date with the environments it reached. */
  'release.history': channel<ReleaseHistory>()(() => z.object({ path: repoPath })),
};
