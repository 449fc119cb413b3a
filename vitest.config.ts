import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The property tests' seed (tests/fc-seed.ts): FC_SEED if given, else one from HEAD's hash; none outside a git checkout. */
function fcSeed(): string {
  const given = process.env['FC_SEED'];
  if (given !== undefined) return given;
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return String(Number.parseInt(head.slice(0, 8), 16) | 0);
  } catch {
    return 'random';
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/fc-seed.ts'],
    testTimeout: 30_000,
    // Property tests print their seed on failure; keep runs bounded in CI, with one seed per commit.
    env: { FC_NUM_RUNS: process.env['FC_NUM_RUNS'] ?? '200', FC_SEED: fcSeed(), FC_SEED_GIVEN: process.env['FC_SEED'] === undefined ? '' : '1' },
  },
});
