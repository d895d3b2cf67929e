// Commit messages and people for the real-shaped bench repository, in angular/angular-cli's proportions
// (its commits since 2024: build 40 %, fix 20 %, refactor 16 %, docs 8 %, feat 4 %, test 4 %, ci 3 %;
// scopes are npm package names such as `@angular/build`, renamed here to `@acme/…`).
import { between, pick, weighted } from './random.mjs';

const SCOPES = [
  ['@acme/build', 40],
  ['@acme/cli', 19],
  ['@schematics/acme', 16],
  ['@acme-devkit/build-acme', 11],
  ['@acme/ssr', 9],
  ['@acme-devkit/schematics', 2],
  ['@acme-devkit/core', 1],
  ['@acme-devkit/architect', 1],
  ['@ngtools/webpack', 1],
];
const TYPES = [
  ['build', 40],
  ['fix', 20],
  ['refactor', 16],
  ['docs', 8],
  ['feat', 5],
  ['test', 4],
  ['ci', 3],
  ['perf', 1],
  ['other', 3],
];
const WORDS = (
  'add remove support handle parse render cache retry limit option error timeout stream index ' +
  'route builder schematic bundle chunk loader worker server hydration budget watch inline style ' +
  'asset polyfill locale template compiler diagnostics manifest prerender'
).split(' ');
const DEPENDENCIES = [
  'cross-repo acme dependencies',
  'all non-major dependencies',
  'dependency esbuild to v0.25.4',
];

export function sentence(rand, words) {
  return Array.from({ length: words }, () => pick(rand, WORDS)).join(' ');
}

function paragraph(rand) {
  return `${sentence(rand, between(rand, 8, 14))}\n${sentence(rand, between(rand, 6, 12))}.`;
}

/** People: a few heavy committers and a long tail (Zipf), two bots, some with a second e-mail. */
export function people(count) {
  const first =
    'Alan Charles Doug Kristiyan Joey Paul Jan Minko Andrew Pawel Matias Vikram Filipe Hans'.split(' ');
  const last =
    'Agius Lyding Parker Kirov Perrott Gschwendtner Martin Gechev Scott Kozlowski Niemela Subramanian Silva'.split(
      ' ',
    );
  return Array.from({ length: count }, (_, i) => {
    const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]}${i >= first.length * last.length ? ` ${i}` : ''}`;
    const login = name.toLowerCase().replace(/\W+/g, '.');
    return {
      name,
      emails:
        i % 29 === 3 ? [`${login}@acme.dev`, `${login}@users.noreply.example.com`] : [`${login}@acme.dev`],
      weight: 1 / (i + 1),
    };
  });
}

export function author(rand, team) {
  const person = weighted(
    rand,
    team.map((p) => [p, p.weight]),
  );
  return `${person.name} <${pick(rand, person.emails)}>`;
}

export const ROBOT = 'Acme Robot <robot@acme.dev>';

/**
 * One main-line commit: `kind` says what the generator may do with it (a fix can be cherry-picked
 * onto release branches); `breaking` is allowed only while a major is in prerelease.
 */
export function mainMessage(rand, n, { breaking, squash }) {
  const type = weighted(rand, TYPES);
  if (type === 'other') return { kind: 'other', text: `Update ${sentence(rand, 3)}\n` };
  if (type === 'build' && rand() < 0.7) {
    return {
      kind: 'robot',
      text: `build: update ${pick(rand, DEPENDENCIES)}\n\nSee associated pull request for more information.\n`,
    };
  }
  const scoped = ['fix', 'feat', 'refactor', 'perf'].includes(type) || rand() < 0.2;
  const scope = scoped ? `(${weighted(rand, SCOPES)})` : '';
  const subject = sentence(rand, between(rand, 4, 9));
  const pr = rand() < 0.3 ? ` (#${1000 + n})` : '';
  const lines = [`${type}${scope}: ${subject}${pr}`];
  if (squash && (type === 'feat' || type === 'fix') && rand() < 0.12) {
    // A squash merge: GitHub lists every squashed commit as a `* type: …` line of the body.
    const subs = Array.from({ length: between(rand, 2, 4) }, (_, i) => {
      const subType = i === 0 ? type : pick(rand, ['feat', 'fix', 'fix', 'refactor', 'test']);
      const subScope = rand() < 0.5 ? scope : '';
      return `* ${subType}${subScope}: ${sentence(rand, between(rand, 3, 7))}${rand() < 0.5 ? `\n\n${paragraph(rand)}` : ''}`;
    });
    lines.push('', subs.join('\n\n'));
  } else if (rand() < 0.55) {
    lines.push('', paragraph(rand));
  }
  const footers = [];
  if (breaking && (type === 'feat' || type === 'refactor') && rand() < 0.08) {
    footers.push(`BREAKING CHANGE: ${sentence(rand, 8)}.\n${sentence(rand, 8)}.`);
  }
  if (rand() < 0.15) footers.push(`Closes #${between(rand, 100, 30000)}`);
  if (footers.length) lines.push('', ...footers);
  return { kind: type, text: `${lines.join('\n')}\n` };
}

/** A commit of the merged-in foreign history: an older project, half its messages unconventional. */
export function foreignMessage(rand) {
  if (rand() < 0.45)
    return `${pick(rand, ['Update', 'Fix', 'Add', 'Clean up'])} ${sentence(rand, between(rand, 2, 6))}\n`;
  const type = pick(rand, ['fix', 'fix', 'feat', 'chore', 'docs', 'refactor']);
  const scope = pick(rand, ['preboot', 'express-engine', 'hapi-engine', 'aspnetcore-engine', 'common', null]);
  return `${type}${scope ? `(${scope})` : ''}: ${sentence(rand, between(rand, 3, 7))}\n`;
}

export function mergeMessage(rand, n, team) {
  const login = author(rand, team).split(' ')[0].toLowerCase();
  return `Merge pull request #${n} from ${login}/${sentence(rand, 2).replace(' ', '-')}\n\n${sentence(rand, 5)}\n`;
}
