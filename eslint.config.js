import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers are one-way: shared ← core ← bindings; shared ← renderer. */
const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'util'];

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
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'core runs in plain Node (CLI, browser mode, tests).' },
            {
              group: ['**/api/**', '**/electron/**', '**/server/**', '**/cli/**'],
              message: 'core may not import its bindings.',
            },
          ],
        },
      ],
    },
  },
);
