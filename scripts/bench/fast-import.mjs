// Builds a bench repository from git fast-import streams, once: the finished repo is marked ready
// and reused by later runs (the directory name carries the generator's version).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
}

/** A commit as fast-import reads it; `files` are [path, content] pairs written inline. */
export function commitCommand({ ref, mark, author, committer = author, when, message, from, merge, files }) {
  const parts = [
    `commit ${ref}\nmark :${mark}\nauthor ${author} ${when} +0000\ncommitter ${committer} ${when} +0000\n`,
    `data ${Buffer.byteLength(message)}\n${message}`,
  ];
  if (from) parts.push(`from :${from}\n`);
  for (const other of merge ?? []) parts.push(`merge :${other}\n`);
  for (const [file, content] of files)
    parts.push(`M 644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  parts.push('\n');
  return parts.join('');
}

/** A lightweight tag, as most projects' release tooling makes them. */
export function tagCommand(name, mark) {
  return `reset refs/tags/${name}\nfrom :${mark}\n\n`;
}

export function deleteRefCommand(ref) {
  return `reset ${ref}\nfrom 0000000000000000000000000000000000000000\n\n`;
}

/** The SHA each mark became, from a marks file fast-import exported. */
export function readMarks(file) {
  const marks = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [mark, sha] = line.split(' ');
    if (mark && sha) marks.set(Number(mark.slice(1)), sha);
  }
  return marks;
}

/**
 * Creates `dir` from streams run in turn (`stages` get the marks of the stages before them, so a
 * later stage can write an earlier commit's SHA into a message), checks out `main` and packs;
 * `commitGraph: false` leaves out the commit-graph file, as a fresh `git clone` has none.
 */
export function buildRepo(dir, label, stages, { commitGraph = true } = {}) {
  if (existsSync(path.join(dir, '.bench-ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  process.stdout.write(`building ${label} in ${dir} … `);
  git(dir, 'init', '-q', '-b', 'main');
  const marksFile = path.join(dir, '.git', 'bench-marks');
  let marks = new Map();
  for (const stage of stages) {
    const args = ['fast-import', '--quiet', `--export-marks=${marksFile}`];
    if (marks.size) args.push(`--import-marks=${marksFile}`);
    execFileSync('git', args, { cwd: dir, input: stage(marks), maxBuffer: 1 << 30 });
    marks = readMarks(marksFile);
  }
  rmSync(marksFile);
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'reset', '-q', '--hard', 'main');
  git(dir, '-c', `gc.writeCommitGraph=${commitGraph}`, 'gc', '-q');
  writeFileSync(path.join(dir, '.git', 'info', 'exclude'), '.bench-ready\n');
  writeFileSync(path.join(dir, '.bench-ready'), '');
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}
