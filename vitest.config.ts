import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 30_000,
    // Property tests print their seed on failure; keep runs bounded in CI.
    env: { FC_NUM_RUNS: process.env['FC_NUM_RUNS'] ?? '200' },
  },
});
