// `npm run bench [-- REPO…]`: measures Release Desk against git's own baseline of the same range.
// Without arguments: synthetic repos (100k and ~20k conventional commits on one branch) and one
// shaped like a real project (angular-cli: release branches, prereleases on main, ~1,000 tags),
// all generated with git fast-import and cached under .bench/. With arguments: those repositories
// (only read; `real-shape` names the generated one). Figures, not pass/fail: targets beside them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEngineRunner } from './bench/engine.mjs';
import {
  BENCH_DIR,
  CLI,
  desk,
  freshDataDir,
  git,
  heading,
  removeDataDirs,
  repeat,
  report,
  run,
  ROOT,
  summary,
  writeRssProbe,
} from './bench/measure.mjs';
import { benchLedger } from './bench/ledger.mjs';
import { realShapeRepo } from './bench/real-shape.mjs';
import { serve } from './bench/release-screen.mjs';
import { benchRepository } from './bench/suite.mjs';
import { syntheticRepo } from './bench/synthetic.mjs';

/** A warm server answering the plan of a clone that gains one commit at a time (the reopen path). */
async function benchReopen(repo, data) {
  const clone = path.join(BENCH_DIR, 'reopen-clone');
  rmSync(clone, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--shared', repo, clone]);
  const server = await serve(data);
  try {
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'fix: one new commit');
    const plan = (input) => server.timed('release.plan', input);
    report('first release.plan after the app starts (cold JIT)', (await plan({ path: clone })).ms, 'ms');
    for (let i = 0; i < 3; i++) await plan({ path: clone });
    const times = [];
    for (let i = 0; i < 5; i++) {
      git(clone, 'commit', '-q', '--allow-empty', '-m', `fix: new commit ${i}`);
      times.push((await plan({ path: clone })).ms);
    }
    times.sort((a, b) => a - b);
    report('reopen: release.plan after 1 new commit, cache warm', times[2], 'ms', 50);
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'fix: and one more');
    report(
      'changelog --all after 1 new commit, cache warm',
      (await desk(['changelog', '--all'], clone, data, 'reopen')).ms,
      'ms',
    );
  } finally {
    server.stop();
    rmSync(clone, { recursive: true, force: true });
  }
}

/** Process start-up, and what the first command after installing (empty V8 code cache) costs. */
async function benchStartup(repo) {
  heading('Process start-up');
  report(
    'node -e 0 (bare Node start-up, for reference)',
    (await repeat(5, () => run(process.execPath, ['-e', '0']))).ms,
    'ms',
  );
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const env = { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS };
    const withCerts = await repeat(5, () => run(process.execPath, ['-e', '0'], { env }));
    report("  with this machine's NODE_EXTRA_CA_CERTS (not used below)", withCerts.ms, 'ms');
  }
  const startup = await repeat(5, () => run(process.execPath, [CLI, '--version']));
  report('release-desk --version (process start and module loading)', startup.ms, 'ms');
  const data = freshDataDir();
  await desk(['next-version'], repo, data, 'next-warm');
  const uncompiled = await repeat(3, () =>
    desk(['next-version'], repo, data, 'next-uncompiled', { RELEASE_DESK_COMPILE_CACHE: freshDataDir() }),
  );
  report('next-version with an empty V8 code cache (first run after install)', uncompiled.ms, 'ms');
  const root = git(repo, 'rev-list', '--max-parents=0', 'HEAD');
  await desk(['next-version', '--from', root], repo, data, 'whole-cold');
  const whole = await repeat(5, () => desk(['next-version', '--from', root], repo, data, 'whole-warm'));
  report('next-version over the whole history (20k), warm cache', whole.ms, 'ms');
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run npm run build first`);
  mkdirSync(BENCH_DIR, { recursive: true });
  writeRssProbe();
  console.log(
    `Release Desk bench — node ${process.version}, ${os.cpus().length} CPUs, ${git(ROOT, '--version')}, load ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const engine = await buildEngineRunner();
  try {
    const given = process.argv.slice(2);
    if (given.length) {
      for (const name of given) {
        const repo = name === 'real-shape' ? realShapeRepo(BENCH_DIR) : path.resolve(name);
        await benchRepository(
          repo,
          name === 'real-shape' ? 'real-shaped (angular-cli)' : 'given repository',
          engine,
        );
      }
    } else {
      const big = syntheticRepo(BENCH_DIR, 100_000, 1000);
      const medium = syntheticRepo(BENCH_DIR, 20_000, 200);
      const real = realShapeRepo(BENCH_DIR);
      await benchStartup(medium);
      const bigData = await benchRepository(big, '100k commits, linear', engine);
      await benchReopen(big, bigData);
      await benchRepository(medium, '20k commits, linear', engine);
      await benchRepository(real, 'real-shaped (angular-cli)', engine);
      await benchLedger();
    }
  } finally {
    removeDataDirs();
  }
  summary();
}

await main();
