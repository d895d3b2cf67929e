import type { hotfixChannels } from '../../../shared/api/hotfix.js';
import { abortHotfix } from '../../core/hotfix/abort-hotfix.js';
import { commitContains } from '../../core/hotfix/commit-contains.js';
import { finishHotfix, previewHotfix } from '../../core/hotfix/finish-hotfix.js';
import { hotfixReleases } from '../../core/hotfix/hotfix-releases.js';
import { currentHotfix } from '../../core/hotfix/hotfix-scope.js';
import { hotfixCandidates, pickIntoHotfix } from '../../core/hotfix/pick-hotfix.js';
import { startHotfix } from '../../core/hotfix/start-hotfix.js';
import { assertCommitish, assertSafeRefName } from '../../core/git/refs.js';
import type { HandlerGroup } from '../handler-types.js';
import { repositoryOf } from '../repository-of.js';

// Refs typed by users are checked before the repository is read: no git process ever sees them
// unchecked, not even the repository's own reads.
export const hotfixHandlers: HandlerGroup<keyof typeof hotfixChannels> = {
  'hotfix.releases': async ({ path }, { core }) => hotfixReleases(await repositoryOf(core, path)),
  'hotfix.current': async ({ path }, { core }) => currentHotfix(core, await repositoryOf(core, path)),
  'hotfix.start': async ({ path, from }, { core }) => {
    assertSafeRefName(from, 'tag');
    return startHotfix(core, await repositoryOf(core, path), from);
  },
  'hotfix.candidates': async ({ path, ...filter }, { core }) => {
    if (filter.ref !== undefined) assertCommitish(filter.ref);
    return hotfixCandidates(core, await repositoryOf(core, path), filter);
  },
  'hotfix.pick': async ({ path, shas }, { core }) => {
    shas.forEach((sha) => assertCommitish(sha));
    return pickIntoHotfix(core, await repositoryOf(core, path), shas);
  },
  'hotfix.preview': async ({ path }, { core }) => previewHotfix(core, await repositoryOf(core, path)),
  'hotfix.finish': async ({ path, push }, { core }) =>
    finishHotfix(core, await repositoryOf(core, path), { push }),
  'hotfix.abort': async ({ path }, { core }) => abortHotfix(core, await repositoryOf(core, path)),
  'commit.contains': async ({ path, sha }, { core }) => {
    assertCommitish(sha);
    return commitContains(await repositoryOf(core, path), sha);
  },
};
