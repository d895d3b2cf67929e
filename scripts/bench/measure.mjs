// Timing helpers of the bench: processes run to completion with their peak RSS, medians, and the
// report lines (figure, unit, target) collected for the summary.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'release-desk.cjs');
export const BENCH_DIR = path.join(ROOT, '.bench');

// Node reads the CA bundle NODE_EXTRA_CA_CERTS names at every start, before any code runs (33 ms
// on the machine this was tuned on): a machine setting, not Release Desk's work. Measured
// processes run without it; the bench prints what it costs a bare Node.
export const BASE_ENV = { ...process.env };
delete BASE_ENV.NODE_EXTRA_CA_CERTS;

const RSS_PROBE = path.join(BENCH_DIR, 'rss-probe.cjs');

export function writeRssProbe() {
  writeFileSync(
    RSS_PROBE,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.RD_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
  );
}

// On Linux each measured command runs under a shell that reads its own /proc stat once the
// command has ended: the CPU time of the command and every process it waited for (git's children
// of Release Desk included). On a shared machine CPU time moves far less with load than wall time.
const CPU_WRAPPER = '"$@"; s=$?; cat /proc/$$/stat > "$RD_BENCH_CPU"; exit $s';
const CPU_FILE = path.join(BENCH_DIR, 'cpu.txt');
const TICKS_PER_MS = 100 / 1000; // USER_HZ: 100 on every Linux that matters

/** Milliseconds of CPU the wrapper's waited-for children used (cutime + cstime), or null. */
function childCpuMs() {
  if (!existsSync(CPU_FILE)) return null;
  const stat = readFileSync(CPU_FILE, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) comes first: cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_MS;
}

/** Runs a command to completion, draining its output; wall time, CPU time, stdout and (for node) peak RSS. */
export function run(
  command,
  args,
  { cwd = ROOT, rssFile = null, env: extraEnv = {}, allowFailure = false } = {},
) {
  return new Promise((resolve, reject) => {
    const env = { ...BASE_ENV, ...extraEnv };
    if (rssFile) {
      rmSync(rssFile, { force: true });
      env.NODE_OPTIONS = `--require ${RSS_PROBE}`;
      env.RD_BENCH_RSS = rssFile;
    }
    const linux = process.platform === 'linux';
    rmSync(CPU_FILE, { force: true });
    env.RD_BENCH_CPU = CPU_FILE;
    const [program, argv] = linux
      ? ['/bin/sh', ['-c', CPU_WRAPPER, 'sh', command, ...args]]
      : [command, args];
    const start = process.hrtime.bigint();
    const child = spawn(program, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    const stdout = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      if (stdout.length < 64) stdout.push(chunk);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && !allowFailure)
        return reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
      const rssMb = rssFile && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
      const cpuMs = linux ? childCpuMs() : null;
      resolve({ ms, cpuMs, bytes, rssMb, code, stdout: Buffer.concat(stdout).toString('utf8') });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The mean: CPU time is counted in 10 ms ticks, so a short command's median is 0 or 10. */
export function mean(values) {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export async function repeat(times, fn) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await fn());
  return {
    ms: median(results.map((r) => r.ms)),
    cpuMs: results[0].cpuMs === null ? null : mean(results.map((r) => r.cpuMs)),
    rssMb: Math.max(...results.map((r) => r.rssMb ?? 0)),
    bytes: results[0].bytes,
    stdout: results[0].stdout,
  };
}

const dataDirs = [];
/** An empty data directory (state database and commit cache) under the temp dir, removed at exit. */
export function freshDataDir() {
  const dir = path.join(os.tmpdir(), `release-desk-bench-${process.pid}-${dataDirs.length}`);
  rmSync(dir, { recursive: true, force: true });
  dataDirs.push(dir);
  return dir;
}

export function removeDataDirs() {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

/** One `release-desk` command on `repo` with its own data directory. */
export function desk(args, repo, dataDir, tag, env = {}) {
  const rssFile = path.join(BENCH_DIR, `rss-${tag}.txt`);
  return run(process.execPath, [CLI, ...args, '--repo', repo, '--data-dir', dataDir], { rssFile, env });
}

export function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
}

/** The 1-minute load average: the machine is shared, figures mean little without it. */
export function load() {
  return os.loadavg()[0].toFixed(2);
}

const rows = [];
/** Prints one figure; with a target, says whether it was met. */
export function report(label, value, unit, target) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    const line = `${label.padEnd(64)} ${'n/a'.padStart(10)}   [load ${load()}]`;
    rows.push(line);
    console.log(line);
    return;
  }
  const verdict = target === undefined ? '' : value <= target ? '  ok' : '  MISSED';
  const shown = unit === 'x' ? value.toFixed(2) : value.toFixed(0);
  const goal = target === undefined ? '' : `   (target ≤ ${target} ${unit})`;
  const line = `${label.padEnd(64)} ${`${shown} ${unit}`.padStart(10)}${goal}${verdict}   [load ${load()}]`;
  rows.push(line);
  console.log(line);
}

export function heading(text) {
  rows.push('', text);
  console.log(`\n${text}`);
}

export function summary() {
  console.log('\nSummary');
  for (const row of rows) console.log(row);
}
