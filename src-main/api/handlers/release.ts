import type { releaseChannels } from '../../../shared/api/release.js';
import { changelogForRange } from '../../core/changelog/range-changelog.js';
import { compareReleases } from '../../core/history/compare-releases.js';
import { releaseHistory } from '../../core/history/release-history.js';
import { replayReleases } from '../../core/replay/replay-releases.js';
import { createRelease } from '../../core/versioning/create-release.js';
import { planRelease } from '../../core/versioning/plan-release.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

export const releaseHandlers: HandlerGroup<keyof typeof releaseChannels> = {
  'release.plan': async ({ path, ...request }, { core }) =>
    (await planRelease(core, await repositoryOf(core, path), request)).view,
  'release.changelog': async ({ path, ...request }, { core }) => {
    const result = await changelogForRange(core, await repositoryOf(core, path), request);
    return { ...result, document: result.documents[0]! };
  },
  'release.create': async ({ path, ...request }, { core }) =>
    createRelease(core, await repositoryOf(core, path), request),
  'release.replay': async ({ path, since, limit }, { core }) =>
    replayReleases(core, await repositoryOf(core, path), { since, limit }),
  'release.compare': async ({ path, from, to }, { core }) =>
    compareReleases(core, await repositoryOf(core, path), { from, to }),
  'release.history': async ({ path }, { core }) => releaseHistory(core, await repositoryOf(core, path)),
};
