import { TestRepo } from './git-fixture.js';

/** A CHANGELOG.md section as release tools write them: `## [1.1.0](…) (date)`, `### Title`, `* …`. */
function section(version: string, groups: Record<string, string[]>): string {
  const body = Object.entries(groups)
    .map(([title, items]) => `### ${title}\n\n${items.map((item) => `* ${item}`).join('\n')}\n`)
    .join('\n');
  return `## [${version}](https://example.com/compare/v${version}) (2026-01-05)\n\n${body}`;
}

const link = (sha: string): string => `([${sha.slice(0, 7)}](https://example.com/commit/${sha}))`;

/**
 * A history whose releases Release Desk judges differently here and there, each for one known
 * reason (newest first, by when each tag was made):
 * - v1.0.1, tagged last on v1.0.0's commit: nothing to release there;
 * - v2.0.0, a manual major over a feature and a fix, whose notes list a non-conventional commit;
 * - v1.2.0-rc.1, agreed (version and notes);
 * - v1.1.2, only a `chore(deps)` commit, released as a patch (no CHANGELOG.md section);
 * - v1.1.1, agreed version, but the notes list a `chore(deps)` entry;
 * - v1.1.0, a patch released as a minor (notes agreed);
 * - v1.0.0, agreed (the policy's initial version is 1.0.0).
 */
export function replayFixture(repo = new TestRepo()): TestRepo {
  let changelog = '# Changelog\n';
  const release = (version: string, groups: Record<string, string[]> | null): void => {
    if (groups !== null) {
      changelog = changelog.replace(/^# Changelog\n/, `# Changelog\n\n${section(version, groups)}`);
      repo.commit(`chore(release): ${version}`, { 'CHANGELOG.md': changelog });
    }
    repo.tag(`v${version}`);
  };

  const first = repo.commit('feat: first', { '.release-desk.yml': 'versioning:\n  initialVersion: 1.0.0\n' });
  changelog += `\n${section('1.0.0', { Features: [`first ${link(first)}`] })}`;
  repo.commit('chore(release): 1.0.0', { 'CHANGELOG.md': changelog });
  repo.tag('v1.0.0');
  const v100 = repo.head();

  const bug = repo.commit('fix: a bug (#3)');
  release('1.1.0', { 'Bug Fixes': [`a bug ([#3](https://example.com/issues/3)) ${link(bug)}`] });

  const b = repo.commit('fix: b');
  const lodash = repo.commit('chore(deps): bump lodash to 4.17.21');
  release('1.1.1', {
    'Bug Fixes': [`b ${link(b)}`],
    'Miscellaneous Chores': [`**deps:** bump lodash to 4.17.21 ${link(lodash)}`],
  });

  repo.commit('chore(deps): bump left-pad to 1.3.0');
  release('1.1.2', null);

  const c = repo.commit('feat: c');
  release('1.2.0-rc.1', { Features: [`c ${link(c)}`] });

  const e = repo.commit('fix: e');
  const readme = repo.commit('Update the README');
  release('2.0.0', {
    Features: [`c ${link(c)}`],
    'Bug Fixes': [`e ${link(e)}`],
    Other: [`Update the README ${link(readme)}`],
  });

  repo.tag('v1.0.1', v100);
  return repo;
}
