// Bundles the Node side. The CLI is one CommonJS program (dist/cli/program.cjs) started by a
// small launcher (dist/cli/release-desk.cjs) that runs it through V8's code cache; vm.Script only
// takes CommonJS. Electron main is ESM (dependencies stay external, loaded from node_modules); the
// preload is one CommonJS file because sandboxed preloads cannot import other files.
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// What the program is made of, for caches of what it computes (kept changelog sections): any
// change of its sources or locked dependencies makes them new.
function sourceDigest() {
  const hash = createHash('sha256');
  const files = [
    'package-lock.json',
    ...['src-main', 'shared'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name)),
    ),
  ].sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(version), __SOURCE_DIGEST__: JSON.stringify(sourceDigest()) },
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

// better-sqlite3's JavaScript is bundled with the CLI, so V8's code cache holds it too; its
// native build stays in its package, loaded by path. The `bindings` package it would use instead
// searches a dozen places for the file on every start, reading stack traces to find its caller.
const sqliteBinding = {
  name: 'sqlite-binding',
  setup(builder) {
    builder.onResolve({ filter: /^bindings$/ }, (args) =>
      args.importer.includes(`${path.sep}better-sqlite3${path.sep}`)
        ? { path: 'bindings', namespace: 'sqlite-binding' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'sqlite-binding' }, () => ({
      loader: 'js',
      contents: `
const path = require('node:path');
const load = require('node:module').createRequire(__filename);
module.exports = (file) =>
  load(path.join(path.dirname(load.resolve('better-sqlite3/package.json')), 'build', 'Release', file));
`,
    }));
  },
};

await build({
  ...common,
  ...cjsImportMetaUrl,
  entryPoints: { 'cli/program': 'src-main/cli/main.ts' },
  outdir: DIST,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Everything is bundled: resolving hundreds of small files (zod, yaml) cost more than all the
  // CLI's own work. Commands stay lazy: a dynamic import of a bundled module becomes a call that
  // runs its code on first use.
  plugins: [sqliteBinding],
  // Less source to read and hash at every start; names stay, so stack traces still read
  // (RD_NO_MINIFY=1 keeps the layout too, for CPU profiles that point at lines).
  minifyWhitespace: !process.env.RD_NO_MINIFY,
  minifySyntax: !process.env.RD_NO_MINIFY,
});

// The launcher keys its code cache by the bundle's content, hashed here once instead of at every start.
const programDigest = createHash('sha256')
  .update(readFileSync(`${DIST}/cli/program.cjs`))
  .digest('hex');

await build({
  ...common,
  ...cjsImportMetaUrl,
  define: { ...cjsImportMetaUrl.define, __PROGRAM_DIGEST__: JSON.stringify(programDigest) },
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
