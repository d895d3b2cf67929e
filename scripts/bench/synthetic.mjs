// The synthetic bench repositories: one linear branch of conventional commits with a two-commit
// side branch merged every 250 commits and evenly spaced release tags (100k commits / 1,000 tags and
// ~20k / 200), built once with git fast-import and cached under .bench/.
import path from 'node:path';
import { buildRepo } from './fast-import.mjs';
import { random, weighted } from './random.mjs';

// Bumped whenever the generator changes, so a cached repo is never stale.
const GENERATOR_VERSION = 3;

const TYPES = [
  ['feat', 22],
  ['fix', 30],
  ['perf', 5],
  ['chore', 18],
  ['docs', 10],
  ['refactor', 8],
  ['test', 5],
  ['ci', 2],
];
const SCOPES = [null, 'api', 'ui', 'core', 'cli', 'auth', 'db', 'build', 'deps', 'parser/yaml', 'i18n'];
const WORDS =
  'add remove support handle parse render cache retry limit token session config option error timeout stream index query user page export import schema route'.split(
    ' ',
  );

function sentence(rand, words) {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

function message(rand, n) {
  const type = weighted(rand, TYPES);
  const scope = SCOPES[Math.floor(rand() * SCOPES.length)];
  const bang = rand() < 0.003 ? '!' : '';
  const lines = [`${type}${scope ? `(${scope})` : ''}${bang}: ${sentence(rand, 3 + Math.floor(rand() * 6))}`];
  if (rand() < 0.03) lines[0] = `Update ${sentence(rand, 3)}`;
  if (rand() < 0.6) lines.push('', `${sentence(rand, 12)}.`, `${sentence(rand, 10)}.`);
  const footers = [];
  if (rand() < 0.25) footers.push(`Closes #${1 + Math.floor(rand() * 5000)}`);
  if (rand() < 0.004) footers.push(`BREAKING CHANGE: ${sentence(rand, 8)}.\n${sentence(rand, 8)}.`);
  if (rand() < 0.1) footers.push(`Reviewed-by: Dev ${n % 17} <dev${n % 17}@example.com>`);
  if (footers.length) lines.push('', ...footers);
  return `${lines.join('\n')}\n`;
}

function* versions() {
  let [major, minor, patch] = [0, 1, 0];
  for (;;) {
    yield `${major}.${minor}.${patch}`;
    if (patch < 3) patch += 1;
    else if (minor < 24) [minor, patch] = [minor + 1, 0];
    else [major, minor, patch] = [major + 1, 0, 0];
  }
}

/** A fast-import stream: linear history with a merge of a two-commit side branch every 250 commits. */
function fastImportStream(commits, tags) {
  const rand = random(commits);
  const out = [];
  const authors = Array.from({ length: 60 }, (_, i) => `Dev ${i} <dev${i}@example.com>`);
  const start = Date.UTC(2015, 0, 1) / 1000;
  const tagEvery = Math.floor(commits / tags);
  const version = versions();
  let mark = 0;
  let mainHead = 0;
  let made = 0;
  const commit = (ref, parents, n) => {
    mark += 1;
    const when = start + n * 1800;
    const author = authors[Math.floor(rand() * authors.length)];
    const text = message(rand, n);
    out.push(
      `commit ${ref}\nmark :${mark}\nauthor ${author} ${when} +0000\ncommitter ${author} ${when} +0000\n`,
    );
    out.push(`data ${Buffer.byteLength(text)}\n${text}`);
    if (parents[0]) out.push(`from :${parents[0]}\n`);
    if (parents[1]) out.push(`merge :${parents[1]}\n`);
    out.push(`M 644 inline src/file-${n % 500}.txt\ndata ${String(n).length + 1}\n${n}\n\n`);
    return mark;
  };
  while (made < commits) {
    if (made > 0 && made % 250 === 0 && commits - made > 3) {
      let side = commit('refs/heads/side', [mainHead], made++);
      side = commit('refs/heads/side', [side], made++);
      mark += 1;
      const merge = `Merge branch 'side-${made}'\n`;
      const when = start + made * 1800;
      out.push(`commit refs/heads/main\nmark :${mark}\nauthor Dev 0 <dev0@example.com> ${when} +0000\n`);
      out.push(`committer Dev 0 <dev0@example.com> ${when} +0000\ndata ${merge.length}\n${merge}`);
      out.push(`from :${mainHead}\nmerge :${side}\n\n`);
      mainHead = mark;
      made += 1;
    } else {
      mainHead = commit('refs/heads/main', mainHead ? [mainHead] : [], made++);
    }
    // The last tag sits 40 commits below HEAD: there is always something to release.
    if ((made + 40) % tagEvery === 0 && (made + 40) / tagEvery <= tags) {
      const name = `v${version.next().value}`;
      const when = start + made * 1800 + 1;
      const text = `Release ${name}\n`;
      out.push(`tag ${name}\nfrom :${mainHead}\ntagger Dev 0 <dev0@example.com> ${when} +0000\n`);
      out.push(`data ${text.length}\n${text}\n`);
    }
  }
  out.push('reset refs/heads/side\nfrom 0000000000000000000000000000000000000000\n\n');
  return out.join('');
}

export function syntheticRepo(benchDir, commits, tags) {
  const dir = path.join(benchDir, `repo-${commits}-v${GENERATOR_VERSION}`);
  return buildRepo(dir, `${commits} commits, ${tags} tags`, [() => fastImportStream(commits, tags)]);
}
