// Bundles the Node side. The CLI is one CommonJS program (dist/cli/program.cjs) started by a
// small launcher (dist/cli/release-desk.cjs) that runs it through V8's code cache; vm.Script only
// takes CommonJS. Electron main is ESM (dependencies stay external, loaded from node_modules); the
// preload is one CommonJS file because sandboxed preloads cannot import other files.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
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

// RELEASE_DESK_DIST builds elsewhere (a test builds the CLI into a temp dir).
const DIST = process.env.RELEASE_DESK_DIST ?? 'dist';
for (const dir of ['cli', 'electron', 'chunks']) rmSync(`${DIST}/${dir}`, { recursive: true, force: true });

// Both CLI files are CommonJS built from ESM sources: import.meta.url becomes the file's own URL,
// and "use strict" must come before the banner's code to keep the sources' strict mode.
const cjsImportMetaUrl = {
  define: { ...common.define, 'import.meta.url': '__rdImportMetaUrl' },
  banner: {
    js: "'use strict';\nvar __rdImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
};

await build({
  ...common,
  ...cjsImportMetaUrl,
  entryPoints: { 'cli/program': 'src-main/cli/main.ts' },
  outdir: DIST,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Everything but the native module is bundled: resolving hundreds of small files (zod, yaml)
  // cost more than all the CLI's own work. Commands stay lazy: a dynamic import of a bundled
  // module becomes a call that runs its code on first use.
  external: ['better-sqlite3'],
  // Less source to read and hash at every start; names stay, so stack traces still read
  // (RD_NO_MINIFY=1 keeps the layout too, for CPU profiles that point at lines).
  minifyWhitespace: !process.env.RD_NO_MINIFY,
  minifySyntax: !process.env.RD_NO_MINIFY,
});

await build({
  ...common,
  ...cjsImportMetaUrl,
  entryPoints: { 'cli/release-desk': 'src-main/cli/release-desk.ts' },
  outdir: DIST,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  banner: { js: `#!/usr/bin/env node\n${cjsImportMetaUrl.banner.js}` },
});
// `npx release-desk` in the checkout runs the bin as a program (npm marks it executable only when
// it installs a package, which a checkout's own bin never is).
chmodSync(`${DIST}/cli/release-desk.cjs`, 0o755);

await build({
  ...common,
  entryPoints: { 'electron/main': 'src-main/electron/main.ts' },
  outdir: DIST,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['electron', 'better-sqlite3', 'conventional-changelog-writer'],
  // Bundled CommonJS dependencies (yaml) still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __rdCreateRequire } from 'node:module';\nconst require = __rdCreateRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: { 'electron/preload': 'src-main/electron/preload.ts' },
  outdir: DIST,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['electron'],
});
