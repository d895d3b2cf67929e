// Bundles the Node side: the CLI and Electron main as ESM (dependencies stay external, loaded
// from node_modules), the preload as one CommonJS file because sandboxed preloads cannot
// import other files.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(version) },
};

rmSync('dist/cli', { recursive: true, force: true });
rmSync('dist/electron', { recursive: true, force: true });
rmSync('dist/chunks', { recursive: true, force: true });

await build({
  ...common,
  entryPoints: {
    'cli/release-desk': 'src-main/cli/release-desk.ts',
    'electron/main': 'src-main/electron/main.ts',
  },
  outdir: 'dist',
  format: 'esm',
  // Each CLI command is its own chunk, loaded only when that command runs.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Pure-JS dependencies are bundled: resolving hundreds of small ESM files (zod, yaml) cost more
  // than all the CLI's own work. Native modules and packages that read their own template files
  // at run time stay in node_modules.
  external: [
    'electron',
    'better-sqlite3',
    'conventional-changelog-writer',
    'conventional-changelog-conventionalcommits',
  ],
  // Bundled CommonJS dependencies (yaml) still call require() for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __rdCreateRequire } from 'node:module';\nconst require = __rdCreateRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: { 'electron/preload': 'src-main/electron/preload.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['electron'],
});
