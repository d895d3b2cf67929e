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

await build({
  ...common,
  entryPoints: {
    'cli/release-desk': 'src-main/cli/release-desk.ts',
    'electron/main': 'src-main/electron/main.ts',
  },
  outdir: 'dist',
  format: 'esm',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
});

await build({
  ...common,
  entryPoints: { 'electron/preload': 'src-main/electron/preload.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['electron'],
});
