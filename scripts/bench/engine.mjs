// Bundles scripts/bench/engine.ts (the engine alone, in one process) into .bench/ the way the CLI
// is bundled (CommonJS, better-sqlite3 external), so it runs the same code as dist/cli.
import path from 'node:path';
import { build } from 'esbuild';
import { BENCH_DIR, ROOT } from './measure.mjs';

export async function buildEngineRunner() {
  const outfile = path.join(BENCH_DIR, 'engine.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'scripts', 'bench', 'engine.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    define: { __APP_VERSION__: '"bench"', 'import.meta.url': '__rdImportMetaUrl' },
    banner: {
      js: "'use strict';\nvar __rdImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    },
  });
  return outfile;
}
