import semver from 'semver';
import type { ReleaseEvidence } from '../../../shared/domain/promotion.js';
import { buildChangelog, changelogDate } from '../changelog/build-changelog.js';
import { readRemoteLinks } from '../changelog/remote-links.js';
import { loadTemplate, renderMarkdown } from '../changelog/render-markdown.js';
import { loadHistory } from '../commits/commit-cache.js';
import { authorsOf, readMailMap } from '../git/mailmap.js';
import type { Core } from '../context.js';
import { defaultPolicy } from '../policy/load-policy.js';
import { allReleaseTags, previousReleases } from '../versioning/previous-release.js';
import { gatesOf } from './detail.js';
import { evidenceMarkdown } from './evidence-markdown.js';
import type { Release } from './release.js';
import { currentHash } from './snapshot.js';
import { releaseSituation } from './situation.js';
import { allRuns, latestRuns, toCommandRun } from './run-store.js';
import { promotionsOfRelease, toPromotion } from './store.js';
import { verifyAuditTrail } from './verify-records.js';
import type { RepositoryRef } from '../repository/repository-context.js';
import type { TagNaming } from '../versioning/tag-naming.js';

/** The release before this one on its history: the previous stable one for a stable release. */
async function previousTag(root: string, release: Release, naming: TagNaming) {
  const older = (await allReleaseTags(root, naming)).filter(
    (tag) => tag.sha !== release.sha && semver.lt(tag.version, release.version),
  );
  const { lastAny, lastStable } = await previousReleases(root, release.sha, older);
  return semver.prerelease(release.version) === null ? lastStable : lastAny;
}

/** Everything about one release: its commits and changelog, every promotion with its gates, and the audit trail. */
export async function releaseEvidence(
  core: Core,
  dir: RepositoryRef,
  version: string,
): Promise<ReleaseEvidence> {
  const situation = await releaseSituation(core, dir, version);
  const { root, release } = situation;
  const policy = situation.policy ?? defaultPolicy();
  const previous = await previousTag(root, release, situation.tagNaming);
  const history = await loadHistory(core, root, { from: previous?.sha ?? null, to: release.sha });
  const document = buildChangelog(history.commits, policy.versioning, {
    authors: await readMailMap(root, authorsOf(history.commits)),
    version: release.version,
    date: changelogDate(release.createdAt ?? core.now()),
  });
  const [links, template] = await Promise.all([readRemoteLinks(root), loadTemplate(root)]);
  const changelog = await renderMarkdown(
    [{ document, tag: release.tag, previousTag: previous?.name ?? null }],
    {
      links,
      template,
    },
  );

  const promotions = promotionsOfRelease(core.db, root, release.version).map((row) => {
    const deploy = latestRuns(core.db, row.id).deploy;
    return {
      promotion: toPromotion(core.db, row, currentHash(situation.policy, row.environment)),
      gates: gatesOf(core, situation, row.environment, row),
      checkRuns: allRuns(core.db, row.id)
        .filter((run) => run.kind === 'check')
        .map((run) => ({ ...toCommandRun(run), gate: run.name })),
      deploy: deploy ? toCommandRun(deploy) : null,
    };
  });
  const events = [
    ...core.audit.forSubject(root, release.tag),
    ...core.audit.forSubject(root, release.version),
  ]
    .filter(
      (e) =>
        e.subject === release.tag ||
        e.subject === release.version ||
        e.subject?.startsWith(`${release.tag}@`),
    )
    .sort((a, b) => a.seq - b.seq)
    .filter((e, i, all) => i === 0 || all[i - 1]!.seq !== e.seq);

  return {
    ...release,
    generatedAt: core.now().toISOString(),
    commits: history.commits.map((commit) => ({
      sha: commit.sha,
      subject: commit.message.split('\n', 1)[0] ?? '',
      author: `${commit.authorName} <${commit.authorEmail}>`,
      date: commit.date,
    })),
    changelog,
    promotions,
    audit: { events, verification: verifyAuditTrail(core) },
  };
}

export async function exportEvidence(
  core: Core,
  dir: RepositoryRef,
  version: string,
  format: 'markdown' | 'json',
): Promise<{ format: 'markdown' | 'json'; fileName: string; text: string }> {
  const evidence = await releaseEvidence(core, dir, version);
  const base = `evidence-${evidence.tag.replace(/[^0-9A-Za-z.+-]/g, '_')}`;
  return format === 'json'
    ? { format, fileName: `${base}.json`, text: `${JSON.stringify(evidence, null, 2)}\n` }
    : { format, fileName: `${base}.md`, text: evidenceMarkdown(evidence) };
}
