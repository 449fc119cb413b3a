/** The property tests run with one seed per commit (tests/fc-seed.ts), so CI on a commit repeats a clean-clone run of it. */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function head(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

describe('the property tests’ seed', () => {
  const commit = head();
  it.skipIf(commit === null || process.env['FC_SEED'] === 'random')('is the one FC_SEED names, from HEAD’s hash unless given', () => {
    const seed = Number(process.env['FC_SEED']);
    expect(fc.readConfigureGlobal().seed).toBe(seed);
    const fromHead = Number.parseInt(commit!.slice(0, 8), 16) | 0;
    if (process.env['FC_SEED_GIVEN'] !== '1') expect(seed).toBe(fromHead);
    // Two samples with the global seed are the same cases.
    expect(fc.sample(fc.string(), 20)).toEqual(fc.sample(fc.string(), 20));
  });
});
