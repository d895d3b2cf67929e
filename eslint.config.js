import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers are one-way: shared ← core ← bindings; shared ← renderer. */
const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'util'];

/**
 * git runs only in src-main/core/git/: one place that validates refs and puts `--end-of-options`
 * before user input. Elsewhere, no process spawning and no git runner.
 */
const gitRunners = {
  group: ['simple-git', '@simple-git/*', '**/run-git', '**/run-git.js', '**/git/client', '**/git/client.js'],
  message: 'git runs only in src-main/core/git/: call a function of its verb files instead.',
};
const processes = {
  group: ['child_process', 'node:child_process'],
  message: 'Only src-main/core/git/ starts processes (git); ask it instead of spawning.',
};
/**
 * The processes that are not git, each in one named file: the policy's check and deploy shell
 * commands (core/promotion/shell.ts) and the browser opener of `serve` (cli/open-browser.ts).
 */
const notGit = ['src-main/core/promotion/shell.ts', 'src-main/cli/open-browser.ts'];
const corePatterns = [
  { group: ['electron'], message: 'core runs in plain Node (CLI, browser mode, tests).' },
  {
    group: ['**/api/**', '**/electron/**', '**/server/**', '**/cli/**'],
    message: 'core may not import its bindings.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'release/', 'test-results/', 'playwright-report/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser }, globals: { ...globals.browser } },
  },
  {
    // Playwright fixtures must destructure their (empty) dependencies.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...nodeModules], message: 'shared/ is the contract: no Node or Electron.' },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'shared/ imports nothing from the app.',
            },
          ],
        },
      ],
    },
    languageOptions: { globals: {} },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'fetch',
          'process',
          'Buffer',
        ].map((name) => ({ name, message: 'shared/ runs on both sides: no DOM or Node globals.' })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeModules],
              message: 'The renderer runs in a sandbox: no Node or Electron.',
            },
            {
              group: ['**/src-main/**'],
              message: 'The renderer talks to main only through shared/ and its api client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/core/**', ...notGit],
    rules: { 'no-restricted-imports': ['error', { patterns: [gitRunners, processes] }] },
  },
  {
    // One door: a command parses argv and formats output; it reaches the core through the dispatcher.
    // `serve` starts the server, which owns its own core.
    files: ['src-main/cli/commands/**/*.ts'],
    ignores: ['src-main/cli/commands/serve.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            gitRunners,
            processes,
            {
              group: ['**/core/**'],
              message: 'CLI commands call their channel through callApi (cli/api-call.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/cli/open-browser.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [gitRunners] }] },
  },
  {
    files: ['src-main/core/**/*.ts'],
    ignores: ['src-main/core/git/**', ...notGit],
    rules: { 'no-restricted-imports': ['error', { patterns: [...corePatterns, gitRunners, processes] }] },
  },
  {
    files: ['src-main/core/promotion/shell.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...corePatterns, gitRunners] }] },
  },
  {
    files: ['src-main/core/git/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: corePatterns }] },
  },
);
