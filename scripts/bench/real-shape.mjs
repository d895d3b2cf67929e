// A bench repository shaped like angular/angular-cli (learned from a clone of it: 18.7k commits,
// 1,169 tags of which 368 are reachable from main, one `X.Y.x` branch per minor):
// - main carries only prereleases, `vX.Y.0-next.N` then `vX.Y.0-rc.N`, each on a
//   "release: cut the … release" commit, and a "docs: release notes for …" commit per stable release;
// - each minor gets an `X.Y.x` branch cut at its first rc; the stable `vX.Y.0` and its patches
//   `vX.Y.Z` are tagged there, after fixes cherry-picked from main with `(cherry picked from commit …)`
//   trailers; the last minor of a major stays maintained (LTS) until two majors later;
// - about 1,000 lightweight tags, two thirds of them unreachable from main;
// - merge commits of feature branches in the older history, squash merges (`* feat: …` bodies) later;
// - a foreign history (a second root, like angular-cli's merged-in universal repository) with its
//   own 100 `v0.Y.Z` tags, merged into main once;
// - `@scope/pkg` scopes, a robot committing dependency updates, a long tail of contributors.
// Built with two fast-import streams (the second needs the SHAs of main's commits for its
// cherry-pick trailers), deterministic, cached under .bench/; packed without a commit-graph, as a
// fresh clone is (git walks history several times faster with one: the figures differ).
import path from 'node:path';
import { buildRepo, commitCommand, deleteRefCommand, tagCommand } from './fast-import.mjs';
import {
  author,
  foreignMessage,
  mainMessage,
  mergeMessage,
  people,
  ROBOT,
  sentence,
} from './real-shape-messages.mjs';
import { between, pick, random } from './random.mjs';

// Bumped whenever the generator changes, so a cached repo is never stale.
const GENERATOR_VERSION = 5;
const MAJORS = 17;
const MINORS = 3;
const STEPS_PER_MINOR = 320;
const FOREIGN_COMMITS = 1400;
const PACKAGES = ['build', 'cli', 'ssr', 'schematics', 'devkit-core', 'devkit-architect'];

const SHA_PLACEHOLDER = /@@sha:(\d+)@@/g;

function simulate() {
  const rand = random(2016);
  const team = people(350);
  const one = [];
  const two = [];
  let mark = 0;
  let when = Date.UTC(2016, 0, 4, 9) / 1000;
  const add = (stream, fields) => {
    mark += 1;
    stream.push({ kind: 'commit', mark, ...fields });
    return mark;
  };
  const tag = (stream, name, at) => stream.push({ kind: 'tag', name, mark: at });

  // The foreign history: its own root, older, unconventional half the time, tagged v0.Y.Z.
  const foreignFiles = new Map();
  let foreignTip = 0;
  let foreignTime = Date.UTC(2014, 8, 23) / 1000;
  let [fMinor, fPatch] = [1, 0];
  for (let i = 0; i < FOREIGN_COMMITS; i++) {
    foreignTime += between(rand, 3600, 1.6 * 86400);
    const file = `modules/${pick(rand, ['common', 'express-engine', 'hapi-engine', 'preboot'])}/src/f${i % 120}.ts`;
    foreignFiles.set(file, `// ${i}\n`);
    foreignTip = add(one, {
      ref: 'refs/heads/foreign',
      author: author(rand, team.slice(200)),
      when: foreignTime,
      message: i === 0 ? 'Initial commit\n' : foreignMessage(rand),
      from: foreignTip || null,
      files: [[file, `// ${i}\n`]],
    });
    if (i % 14 === 13 && fMinor * 4 + fPatch < 104) {
      tag(one, `v0.${fMinor}.${fPatch}`, foreignTip);
      [fMinor, fPatch] = fPatch < 3 ? [fMinor, fPatch + 1] : [fMinor + 1, 0];
    }
  }

  let mainTip = add(one, {
    ref: 'refs/heads/main',
    author: author(rand, team),
    when,
    message: 'Initial commit\n',
    from: null,
    files: [['README.md', '# acme-cli\n']],
  });
  const recentMain = [mainTip];
  let step = 0;
  const totalSteps = MAJORS * MINORS * STEPS_PER_MINOR;
  const fixes = []; // main's fixes that release branches may cherry-pick
  const branches = []; // maintained X.Y.x lines
  let pr = 1000;
  let foreignMerged = false;

  const onMain = (message, files, who = author(rand, team)) => {
    mainTip = add(one, { ref: 'refs/heads/main', author: who, when, message, from: mainTip, files });
    recentMain.push(mainTip);
    if (recentMain.length > 8) recentMain.shift();
    return mainTip;
  };
  const releaseFiles = (version) => [
    ['package.json', `{ "name": "acme-cli", "version": "${version}" }\n`],
    ['CHANGELOG.md', `# Changelog\n\n## ${version}\n`],
  ];
  const onBranch = (branch, message, files, who) => {
    branch.tip = add(two, {
      ref: `refs/heads/${branch.name}`,
      author: who,
      when: when + 60,
      message,
      from: branch.tip,
      files,
    });
  };
  /** Fixes from main cherry-picked onto `branch`, then a release commit tagged `version`. */
  const releaseOnBranch = (branch, version, picks) => {
    const candidates = fixes.filter((f) => f.step > branch.cutStep && !branch.picked.has(f.mark));
    for (const fix of candidates.slice(-picks)) {
      branch.picked.add(fix.mark);
      const message = `${fix.message.trimEnd()}\n\n(cherry picked from commit @@sha:${fix.mark}@@)\n`;
      onBranch(branch, message, fix.files, fix.author);
    }
    if (rand() < 0.15)
      onBranch(
        branch,
        `build: update ${sentence(rand, 2)} on the ${branch.name} branch\n`,
        [['pnpm-lock.yaml', `# ${when}\n`]],
        ROBOT,
      );
    const who = author(rand, team.slice(0, 6));
    onBranch(branch, `release: cut the v${version} release\n`, releaseFiles(version), who);
    tag(two, `v${version}`, branch.tip);
    onMain(
      `docs: release notes for the v${version} release\n`,
      [['CHANGELOG.md', `# Changelog\n\n## ${version}\n`]],
      who,
    );
  };
  const prerelease = (version) => {
    onMain(`release: cut the v${version} release\n`, releaseFiles(version), author(rand, team.slice(0, 6)));
    tag(one, `v${version}`, mainTip);
  };

  /** One ordinary step of main: a commit, a feature branch merge or (once) the foreign merge. */
  const mainStep = (breaking) => {
    step += 1;
    when += between(rand, 1800, 6 * 3600);
    if (!foreignMerged && step > totalSteps * 0.4) {
      foreignMerged = true;
      const files = [...foreignFiles].map(([file, content]) => [`packages/universal/${file}`, content]);
      mainTip = add(one, {
        ref: 'refs/heads/main',
        author: author(rand, team.slice(0, 3)),
        when,
        message: 'build: merge the universal repository into this one\n',
        from: mainTip,
        merge: [foreignTip],
        files,
      });
      return;
    }
    if (step < totalSteps * 0.35 && rand() < 1 / 30) {
      // A feature branch started a few commits back, merged with a merge commit.
      let side = pick(rand, recentMain);
      const who = author(rand, team);
      const sideFiles = [];
      for (let i = between(rand, 1, 3); i > 0; i--) {
        const files = [
          [`packages/${pick(rand, PACKAGES)}/src/file-${between(rand, 0, 199)}.ts`, `// pr ${pr} ${i}\n`],
        ];
        sideFiles.push(...files);
        side = add(one, {
          ref: 'refs/heads/topic',
          author: who,
          when: when - i * 600,
          message: mainMessage(rand, pr, { breaking, squash: false }).text,
          from: side,
          files,
        });
      }
      pr += 1;
      mainTip = add(one, {
        ref: 'refs/heads/main',
        author: who,
        when,
        message: mergeMessage(rand, pr, team),
        from: mainTip,
        merge: [side],
        files: sideFiles,
      });
      return;
    }
    const { kind, text } = mainMessage(rand, step, { breaking, squash: step > totalSteps * 0.35 });
    const pkg = pick(rand, PACKAGES);
    const files =
      kind === 'fix'
        ? [[`packages/${pkg}/src/fixes/fix-${step}.ts`, `export const fix${step} = ${step};\n`]]
        : kind === 'robot'
          ? [['pnpm-lock.yaml', `# ${step}\n`]]
          : [[`packages/${pkg}/src/file-${step % 200}.ts`, `// ${step}\n`]];
    const who = kind === 'robot' ? ROBOT : author(rand, team);
    onMain(text, files, who);
    if (kind === 'fix' && rand() < 0.6)
      fixes.push({ mark: mainTip, step, message: text, files, author: who });
  };

  // The last line, the next major, is in prerelease on main when the history ends (as angular-cli's
  // main was at 22.2.0-next.4 with 22.1.5 released).
  for (let major = 1; major <= MAJORS + 1; major++) {
    for (let minor = 0; minor < (major > MAJORS ? 1 : MINORS); minor++) {
      const base = `${major}.${minor}.0`;
      const length = Math.round(STEPS_PER_MINOR * (0.8 + rand() * 0.4));
      const last = major > MAJORS;
      const points = [0.2, 0.4, 0.6, ...(rand() < 0.5 ? [0.7] : [])].map((f, n) => [
        Math.round(length * f),
        `next.${n}`,
      ]);
      points.push([Math.round(length * 0.85), 'rc.0']);
      if (rand() < 0.4) points.push([Math.round(length * 0.93), 'rc.1']);
      let line = null;
      for (let i = 1; i <= (last ? length * 0.75 : length); i++) {
        mainStep(minor === 0 && i < length * 0.85);
        for (const branch of branches) {
          if (branch.released && step >= branch.nextAt) {
            branch.patch += 1;
            releaseOnBranch(
              branch,
              `${branch.major}.${branch.minor}.${branch.patch}`,
              branch.lts ? 1 : between(rand, 1, 3),
            );
            branch.nextAt = step + (branch.lts ? between(rand, 90, 150) : between(rand, 25, 40));
          }
        }
        const point = points.find(([at]) => at === i);
        if (!point) continue;
        prerelease(`${base}-${point[1]}`);
        if (point[1] === 'rc.0') {
          line = {
            name: `${major}.${minor}.x`,
            major,
            minor,
            patch: 0,
            tip: mainTip,
            cutStep: step,
            picked: new Set(),
            released: false,
            lts: false,
            nextAt: 0,
            until: 0,
          };
        }
      }
      if (last) break;
      // The stable release: on the branch. The branch before it retires, unless it is a major's last
      // minor: that one stays maintained as LTS until the major after next.
      releaseOnBranch(line, base, between(rand, 0, 2));
      line.released = true;
      line.nextAt = step + between(rand, 25, 40);
      for (const branch of branches) {
        if (branch.lts && minor === 0 && major >= branch.major + 2) branch.done = true;
        else if (!branch.lts && branch.minor === MINORS - 1) branch.lts = true;
        else if (!branch.lts) branch.done = true;
      }
      branches.splice(0, branches.length, ...branches.filter((b) => !b.done), line);
    }
  }
  return { one, two };
}

function render(stream, marks) {
  const out = [];
  for (const item of stream) {
    if (item.kind === 'tag') {
      out.push(tagCommand(item.name, item.mark));
      continue;
    }
    const message = item.message.replace(SHA_PLACEHOLDER, (_, m) => marks.get(Number(m)));
    out.push(commitCommand({ ...item, message }));
  }
  return out.join('');
}

export function realShapeRepo(benchDir) {
  const dir = path.join(benchDir, `real-shape-v${GENERATOR_VERSION}`);
  let streams = null;
  const simulated = () => (streams ??= simulate());
  return buildRepo(
    dir,
    'a repository shaped like angular-cli',
    [
      () =>
        render(simulated().one, new Map()) +
        deleteRefCommand('refs/heads/foreign') +
        deleteRefCommand('refs/heads/topic'),
      (marks) => render(simulated().two, marks),
    ],
    { commitGraph: false },
  );
}
