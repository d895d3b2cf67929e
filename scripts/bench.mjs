// `npm run bench [repoPath]`: measures the history hot path against raw git on synthetic repos
// (100k and ~20k conventional commits, built once with git fast-import and cached under .bench/)
// or on a repo you name. Figures, not pass/fail: the targets are printed beside them.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'release-desk.cjs');
const BENCH_DIR = path.join(ROOT, '.bench');
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

/** Deterministic PRNG (mulberry32) so every machine builds the same repo. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(rand, entries) {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let pick = rand() * total;
  for (const [value, weight] of entries) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return entries[0][0];
}

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

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
}

function syntheticRepo(commits, tags) {
  const dir = path.join(BENCH_DIR, `repo-${commits}-v${GENERATOR_VERSION}`);
  if (existsSync(path.join(dir, '.bench-ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`building ${commits} commits, ${tags} tags in ${path.relative(ROOT, dir)} … `);
  git(dir, 'init', '-q', '-b', 'main');
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: fastImportStream(commits, tags) });
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'reset', '-q', '--hard', 'main');
  git(dir, 'gc', '-q');
  writeFileSync(path.join(dir, '.git', 'info', 'exclude'), '.bench-ready\n');
  writeFileSync(path.join(dir, '.bench-ready'), '');
  console.log('done');
  return dir;
}

// Node reads the CA bundle NODE_EXTRA_CA_CERTS names at every start, before any code runs (33 ms
// on the machine this was tuned on): a machine setting, not Release Desk's work. Measured
// processes run without it; the bench prints what it costs a bare Node.
const BASE_ENV = { ...process.env };
delete BASE_ENV.NODE_EXTRA_CA_CERTS;

/** Runs a command to completion, draining its output; wall time, bytes written and (for node) peak RSS. */
function run(command, args, { cwd = ROOT, rssFile = null, env: extraEnv = {} } = {}) {
  return new Promise((resolve, reject) => {
    const env = { ...BASE_ENV, ...extraEnv };
    if (rssFile) {
      env.NODE_OPTIONS = `--require ${path.join(BENCH_DIR, 'rss-probe.cjs')}`;
      env.RD_BENCH_RSS = rssFile;
    }
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => (bytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0)
        return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
      const rssMb = rssFile && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
      resolve({ ms, bytes, rssMb });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function repeat(times, fn) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await fn());
  return {
    ms: median(results.map((r) => r.ms)),
    rssMb: Math.max(...results.map((r) => r.rssMb ?? 0)),
    bytes: results[0].bytes,
  };
}

const dataDirs = [];
function freshDataDir() {
  const dir = path.join(os.tmpdir(), `release-desk-bench-${process.pid}-${dataDirs.length}`);
  rmSync(dir, { recursive: true, force: true });
  dataDirs.push(dir);
  return dir;
}

function desk(args, repo, dataDir, tag, env = {}) {
  const rssFile = path.join(BENCH_DIR, `rss-${tag}.txt`);
  rmSync(rssFile, { force: true });
  return run(process.execPath, [CLI, ...args, '--repo', repo, '--data-dir', dataDir], { rssFile, env });
}

/** A run with an empty V8 code cache: what the first command after installing or upgrading costs. */
function withoutCompileCache() {
  return { RELEASE_DESK_COMPILE_CACHE: freshDataDir() };
}

/** `release-desk serve` on `dataDir`; resolves with a caller of its HTTP API. */
async function serve(dataDir) {
  const child = spawn(process.execPath, [CLI, 'serve', '--no-open', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /running at (\S+)/.exec(out);
      if (match) resolve(new URL(match[1]));
    });
    child.on('exit', () => reject(new Error('release-desk serve stopped')));
  });
  const call = async (channel, input) => {
    const start = process.hrtime.bigint();
    const response = await fetch(new URL(`/api/${channel}`, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-release-desk-token': url.searchParams.get('token') },
      body: JSON.stringify(input),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, value: result.value };
  };
  return { call, stop: () => child.kill('SIGTERM') };
}

const rows = [];
function report(label, value, unit, target) {
  const ok = target === undefined ? '' : value <= target ? '  ok' : '  MISSED';
  const shown = unit === 'x' ? value.toFixed(2) : unit === 'MB' ? value.toFixed(0) : value.toFixed(0);
  const line = `${label.padEnd(58)} ${`${shown} ${unit}`.padStart(10)}${target === undefined ? '' : `   (target ≤ ${target} ${unit})`}${ok}`;
  rows.push(line);
  console.log(line);
}

async function benchHistory(repo, name) {
  console.log(
    `\n${name}: ${repo} (${git(repo, 'rev-list', '--count', 'HEAD')} commits, ${git(repo, 'tag').split('\n').filter(Boolean).length} tags)`,
  );
  // git log and the cold changelog take turns, three times each, so that the machine's drift
  // over a minute weighs on both sides of the ratio alike. Fully buffered, as git writes to a
  // file: into a pipe it flushes per commit and runs slower.
  const gitLogs = [];
  const colds = [];
  let data;
  for (let i = 0; i < 3; i++) {
    gitLogs.push(await run('git', ['log'], { cwd: repo, env: { GIT_FLUSH: '0' } }));
    data = freshDataDir();
    colds.push(await desk(['changelog', '--all'], repo, data, 'cold'));
  }
  const gitLog = { ms: median(gitLogs.map((r) => r.ms)) };
  const cold = { ms: median(colds.map((r) => r.ms)), rssMb: Math.max(...colds.map((r) => r.rssMb ?? 0)) };
  report('raw git log, whole history with bodies', gitLog.ms, 'ms');
  report('changelog --all, cold cache (median of 3 first reads)', cold.ms, 'ms');
  report('  ratio to raw git log', cold.ms / gitLog.ms, 'x', 2);
  report('  peak RSS', cold.rssMb, 'MB', 300);
  const warm = await repeat(3, () => desk(['changelog', '--all'], repo, data, 'warm'));
  report('changelog --all, warm cache', warm.ms, 'ms');
  report('  ratio to raw git log', warm.ms / gitLog.ms, 'x', 2);
  report('  peak RSS', warm.rssMb, 'MB', 300);
  const next = await repeat(5, () => desk(['next-version'], repo, data, 'next'));
  report('next-version, warm cache (CLI process, wall)', next.ms, 'ms');
  return data;
}

async function benchReopen(repo, data) {
  const clone = path.join(BENCH_DIR, 'reopen-clone');
  rmSync(clone, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--shared', repo, clone]);
  try {
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'fix: one new commit');
    const server = await serve(data);
    try {
      const first = await server.call('release.plan', { path: clone });
      report('first release.plan after the app starts (cold JIT)', first.ms, 'ms');
      for (let i = 0; i < 3; i++) await server.call('release.plan', { path: clone });
      const times = [];
      for (let i = 0; i < 5; i++) {
        git(clone, 'commit', '-q', '--allow-empty', '-m', `fix: new commit ${i}`);
        times.push((await server.call('release.plan', { path: clone })).ms);
      }
      report('reopen: release.plan after 1 new commit, cache warm', median(times), 'ms', 50);
      git(clone, 'commit', '-q', '--allow-empty', '-m', 'fix: and one more');
      const whole = await desk(['changelog', '--all'], clone, data, 'reopen');
      report('changelog --all after 1 new commit, cache warm', whole.ms, 'ms');
    } finally {
      server.stop();
    }
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run npm run build first`);
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(
    path.join(BENCH_DIR, 'rss-probe.cjs'),
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.RD_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
  );
  console.log(
    `Release Desk bench — node ${process.version}, ${os.cpus().length} CPUs, ${git(ROOT, '--version')}`,
  );
  try {
    const given = process.argv[2];
    if (given) {
      const repo = path.resolve(given);
      const data = await benchHistory(repo, 'given repository');
      const next = await repeat(5, () => desk(['next-version'], repo, data, 'next'));
      report('next-version, warm cache', next.ms, 'ms', 100);
      return;
    }
    const bare = await repeat(5, () => run(process.execPath, ['-e', '0']));
    report('node -e 0 (bare Node start-up, for reference)', bare.ms, 'ms');
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const withCerts = await repeat(5, () =>
        run(process.execPath, ['-e', '0'], { env: { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } }),
      );
      report("  with this machine's NODE_EXTRA_CA_CERTS (not used below)", withCerts.ms, 'ms');
    }
    const startup = await repeat(5, () => run(process.execPath, [CLI, '--version']));
    report('release-desk --version (process start and module loading)', startup.ms, 'ms');
    const big = syntheticRepo(100_000, 1000);
    const medium = syntheticRepo(20_000, 200);
    const bigData = await benchHistory(big, '100k commits');
    await benchReopen(big, bigData);

    console.log(`\n20k commits: ${medium}`);
    const data = freshDataDir();
    const first = await desk(['next-version'], medium, data, 'next-cold');
    report('next-version, first run (cold cache)', first.ms, 'ms');
    const next = await repeat(5, () => desk(['next-version'], medium, data, 'next-warm'));
    report('next-version, warm cache (CLI process, wall)', next.ms, 'ms', 100);
    const uncompiled = await repeat(3, () =>
      desk(['next-version'], medium, data, 'next-uncompiled', withoutCompileCache()),
    );
    report('  the same with an empty V8 code cache (first run after install)', uncompiled.ms, 'ms');
    const whole = freshDataDir();
    const root = git(medium, 'rev-list', '--max-parents=0', 'HEAD');
    await desk(['next-version', '--from', root], medium, whole, 'whole-cold');
    const wholeNext = await repeat(5, () =>
      desk(['next-version', '--from', root], medium, whole, 'whole-warm'),
    );
    report('next-version over the whole history, warm cache', wholeNext.ms, 'ms');
  } finally {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nSummary');
  for (const row of rows) console.log(row);
}

await main();
