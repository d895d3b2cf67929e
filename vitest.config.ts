import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

const COMPONENTS = 'test/unit/renderer/components/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [COMPONENTS],
          environment: 'node',
        },
      },
      {
        // Component tests mount real Svelte components: compiled by the app's plugin, resolved to
        // Svelte's browser build (only here, so Node code keeps Node's packages), in jsdom.
        extends: true,
        plugins: [svelte(), svelteTesting()],
        test: {
          name: 'components',
          include: [COMPONENTS],
          environment: 'jsdom',
          setupFiles: ['test/unit/renderer/components/setup.ts'],
        },
      },
    ],
  },
});
