// The engine alone, without the CLI's process start: `next-version`'s plan (no changelog) run
// several times in one process on a data directory. Bundled by the bench (scripts/bench/engine.mjs);
// prints the milliseconds of each run as JSON, the first with V8 not yet warmed up.
import { closeCore, createCore } from '../../src-main/core/context.js';
import { openDatabase } from '../../src-main/core/store/database.js';
import { planRelease } from '../../src-main/core/versioning/plan-release.js';

async function main(repo: string, dataDir: string, runs: number): Promise<void> {
  const core = createCore(openDatabase(dataDir), { gitEnv: {} });
  const times: number[] = [];
  let next: string | null = null;
  try {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const { view } = await planRelease(core, repo, { changelog: false });
      times.push(performance.now() - start);
      next = view.next;
    }
  } finally {
    await closeCore(core);
  }
  process.stdout.write(`${JSON.stringify({ times, next })}\n`);
}

const [repo, dataDir, runs] = process.argv.slice(2);
if (!repo || !dataDir) throw new Error('usage: engine.cjs REPO DATA_DIR [RUNS]');
main(repo, dataDir, Number(runs ?? 5)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
