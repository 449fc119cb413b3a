/**
 * Extraction accuracy on a generated corpus with ground truth: every field
 * must match for at least 99.5% of 2,000 documents (`npm run accuracy`
 * prints the same table).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without type declarations
import { generator, measure } from '../bench/accuracy.mjs';

const make = generator() as string;

describe.skipIf(!fs.existsSync(make))('accuracy on the generated corpus', () => {
  it('matches the truth for ≥ 99.5% of documents in every field', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-accuracy-'));
    try {
      const corpus = path.join(root, 'corpus');
      execFileSync(process.execPath, [make, corpus, '--docs', '2000'], { stdio: 'ignore' });
      const { score, found } = (await measure(corpus, path.join(root, 'corpus.truth.ndjson'))) as {
        score: Record<string, { ok: number; total: number }>;
        found: number;
      };
      expect(found).toBe(2000);
      for (const [field, { ok, total }] of Object.entries(score)) {
        if (total === 0) continue;
        expect(ok / total, field).toBeGreaterThanOrEqual(0.995);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
