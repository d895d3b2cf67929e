// The figures taken on every repository, each beside git's own baseline of the same range, in the
// same run: whole-history changelog (cold and warm) against `git log` with bodies, `next-version`
// (CLI process and engine alone) against `git describe`, the Release screen's plan through browser
// mode (cold and warm), peak RSS. The repository is only read: a fingerprint taken before and
// after proves it (all state goes to data directories under the temp dir).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { desk, freshDataDir, git, heading, load, mean, median, repeat, report, run } from './measure.mjs';
import { openReleaseScreen, serve } from './release-screen.mjs';

const TARGETS = { changelogCold: 2, changelogWarm: 1.3, nextVersion: 4, screenWarm: 1500, screenCold: 3000 };

// Opening a repository in the app records a `repository.opened` event on its team ledger
// (refs/release-desk/ledger), so the Release screen's figures add commits there: reported apart,
// not counted as the bench changing the repository (which would stop it).
const LEDGER_REFS = 'refs/release-desk/';

function fingerprint(repo) {
  const read = (...args) => git(repo, ...args);
  const refs = read('for-each-ref', '--format=%(refname) %(objectname)').split('\n');
  return [
    refs.filter((ref) => !ref.startsWith(LEDGER_REFS)).join('\n'),
    read('rev-parse', 'HEAD'),
    read('config', '--local', '--list'),
    read('--no-optional-locks', 'status', '--porcelain'),
  ].join('\n');
}

function indexTime(repo) {
  try {
    return statSync(path.join(git(repo, 'rev-parse', '--absolute-git-dir'), 'index')).mtimeMs;
  } catch {
    return null;
  }
}

/** Median wall time and mean CPU time of `results` (CPU null where the platform gives none). */
function medians(results) {
  const cpu = results.map((r) => r.cpuMs);
  return {
    ms: median(results.map((r) => r.ms)),
    cpuMs: cpu.includes(null) ? null : mean(cpu),
    rssMb: Math.max(...results.map((r) => r.rssMb ?? 0)),
  };
}

/** A figure against its baseline: wall time and ratio (with the target), then the same in CPU time. */
function against(label, figure, baseline, target) {
  report(label, figure.ms, 'ms');
  report('  ratio to the baseline, wall', figure.ms / baseline.ms, 'x', target);
  if (figure.cpuMs === null || baseline.cpuMs === null) return;
  report(`  CPU time, mean (baseline ${baseline.cpuMs.toFixed(0)} ms)`, figure.cpuMs, 'ms');
  // A baseline under one 10 ms tick in every run measures as 0: no ratio then.
  if (baseline.cpuMs > 0) report('  ratio to the baseline, CPU', figure.cpuMs / baseline.cpuMs, 'x', target);
}

async function changelogFigures(repo) {
  // git log and the changelog take turns, three times each, so that the machine's drift weighs
  // on both sides of the ratio alike. Fully buffered, as git writes to a file: into a pipe it
  // flushes per commit and runs slower.
  const gitLog = () => run('git', ['log'], { cwd: repo, env: { GIT_FLUSH: '0' } });
  const coldLogs = [];
  const colds = [];
  let data;
  for (let i = 0; i < 3; i++) {
    coldLogs.push(await gitLog());
    data = freshDataDir();
    colds.push(await desk(['changelog', '--all'], repo, data, 'cold'));
  }
  const coldLog = medians(coldLogs);
  report('raw git log, whole history with bodies (median of 3)', coldLog.ms, 'ms');
  const cold = medians(colds);
  against('changelog --all, cold cache (median of 3 first reads)', cold, coldLog, TARGETS.changelogCold);
  report('  peak RSS', cold.rssMb, 'MB');
  const warmLogs = [];
  const warms = [];
  for (let i = 0; i < 3; i++) {
    warmLogs.push(await gitLog());
    warms.push(await desk(['changelog', '--all'], repo, data, 'warm'));
  }
  const warm = medians(warms);
  against(
    'changelog --all, warm cache (median of 3, beside git log)',
    warm,
    medians(warmLogs),
    TARGETS.changelogWarm,
  );
  report('  peak RSS', warm.rssMb, 'MB');
  // A first read leaves the history's graph and released sections to the next read, from the cache.
  report('  the first of the 3 (keeps the graph and released sections)', warms[0].ms, 'ms');
  return data;
}

async function nextVersionFigures(repo, warmData, engineRunner) {
  const describe = await repeat(10, () =>
    run('git', ['describe', '--tags', '--abbrev=0'], { cwd: repo, allowFailure: true }),
  );
  report(
    `git describe --tags --abbrev=0 (${describe.stdout.trim() || 'no tag'}, median of 10)`,
    describe.ms,
    'ms',
  );
  const coldData = freshDataDir();
  const first = await desk(['next-version', '--json'], repo, coldData, 'next-cold');
  const answer = JSON.parse(first.stdout);
  report(
    `next-version, cold cache (${answer.current ?? 'none'} → ${answer.next ?? 'nothing'})`,
    first.ms,
    'ms',
  );
  const next = await repeat(5, () => desk(['next-version'], repo, warmData, 'next-warm'));
  against('next-version, warm cache (CLI process, median of 5)', next, describe, TARGETS.nextVersion);
  report('  peak RSS', next.rssMb, 'MB');
  const engine = await run(process.execPath, [engineRunner, repo, warmData, '6']);
  const { times } = JSON.parse(engine.stdout);
  report('next-version engine alone, first plan in the process', times[0], 'ms');
  const settled = median(times.slice(1));
  report('next-version engine alone, warm JIT (median of 5)', settled, 'ms');
  report('  ratio to git describe, wall', settled / describe.ms, 'x', TARGETS.nextVersion);
}

async function releaseScreenFigures(repo, warmData) {
  const screen = (label, result, target) => {
    report(`Release screen, open → plan: ${label}`, result.ms, 'ms', target);
    report('  CPU time (the server and its git calls)', result.cpuMs, 'ms');
  };
  const cold = await serve(freshDataDir());
  try {
    const first = await openReleaseScreen(cold, repo);
    screen(`cold cache, new server (${first.progressEvents} progress)`, first, TARGETS.screenCold);
    const again = [];
    for (let i = 0; i < 3; i++) again.push(await openReleaseScreen(cold, repo));
    screen('again, same server (median of 3)', medians(again), TARGETS.screenWarm);
    report('  server peak RSS', cold.peakRssMb(), 'MB');
  } finally {
    cold.stop();
  }
  const restarted = await serve(warmData);
  try {
    report('  (release-desk serve start-up, to its URL)', restarted.startMs, 'ms');
    screen('warm cache, server just started', await openReleaseScreen(restarted, repo), TARGETS.screenWarm);
  } finally {
    restarted.stop();
  }
}

/** Every figure for `repo`; returns a data directory whose commit cache holds its whole history. */
export async function benchRepository(repo, name, engineRunner) {
  const before = fingerprint(repo);
  const ledgerBefore = git(repo, 'for-each-ref', '--format=%(objectname)', LEDGER_REFS);
  const indexBefore = indexTime(repo);
  const commits = git(repo, 'rev-list', '--count', 'HEAD');
  const tags = git(repo, 'tag').split('\n').filter(Boolean).length;
  const reachable = git(repo, 'tag', '--merged', 'HEAD').split('\n').filter(Boolean).length;
  // Without a commit-graph file (a fresh clone has none) git walks history several times slower.
  const objects = path.resolve(repo, git(repo, 'rev-parse', '--git-path', 'objects'));
  const graph = existsSync(path.join(objects, 'info', 'commit-graph')) ? 'a' : 'no';
  heading(
    `${name}: ${repo} (${commits} commits, ${tags} tags, ${reachable} reachable from HEAD, ` +
      `${graph} commit-graph; load ${load()})`,
  );
  const data = await changelogFigures(repo);
  await nextVersionFigures(repo, data, engineRunner);
  await releaseScreenFigures(repo, data);
  if (fingerprint(repo) !== before)
    throw new Error(`the bench changed ${repo}: refs, HEAD, config or work tree`);
  if (git(repo, 'for-each-ref', '--format=%(objectname)', LEDGER_REFS) !== ledgerBefore)
    console.log(`  note: opening ${repo} in the app added events to its ledger (${LEDGER_REFS}…)`);
  if (indexTime(repo) !== indexBefore)
    console.log(`  note: ${repo}'s .git/index was rewritten (a stat refresh)`);
  return data;
}
