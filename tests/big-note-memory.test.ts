/**
 * A very large Markdown note in bounded memory (issue #22 item 5): the
 * fallback reader walks the body's blocks as they are parsed, never its
 * whole tree, and makes its text as it goes (parse/text-blocks.ts); a
 * worker that read a large file is not kept with the heap it grew. Peak
 * figures are for bench/hostile.mjs; these tests hold the shape: a note is
 * read in a worker whose heap is far smaller than its tree would be.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the benchmarks, without types
import { longNote } from '../bench/long-note.mjs';
import { Pool, RETIRE_BYTES } from '../src/pool.js';
import { SourceFile } from '../src/source-file.js';
import { ROOT, runCli, scratch, withoutSummary } from './helpers.js';

const { folder } = scratch('big-note-memory');
const makeNote = longNote as (bytes: number, code?: boolean) => string;
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('a very large note', () => {
  // Its tree alone would be about 55 MB (260 bytes a node); read block by block the worker needs about 30 MB.
  it('of 6 MB is read whole in a worker whose old generation is held to 48 MB', async () => {
    const dir = folder('six');
    const file = path.join(dir, 'long.md');
    fs.writeFileSync(file, makeNote(6 * 1024 * 1024));
    const run = await runCli([file, '--no-cache', '--format', 'ndjson'], { env: { INGEST_OLD_MB: '48' } });
    expect(withoutSummary(run.stderr)).toBe('');
    expect(run.exitCode).toBe(0);
    const record = JSON.parse(run.stdout) as { text: string; format: string };
    expect(record.format).toBe('markdown');
    expect(record.text.length).toBeGreaterThan(5 * 1024 * 1024);
  }, 120_000);

  // Held once as the file's text, not again as the document's (split.ts documentText), and its text not copied line by line (normalize).
  it('of 12 MB is read whole in a worker whose old generation is held to 64 MB', async () => {
    const dir = folder('twelve');
    const file = path.join(dir, 'long.md');
    fs.writeFileSync(file, makeNote(12 * 1024 * 1024));
    const run = await runCli([file, '--no-cache', '--format', 'ndjson'], { env: { INGEST_OLD_MB: '64' } });
    expect(withoutSummary(run.stderr)).toBe('');
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as { text: string }).text.length).toBeGreaterThan(10 * 1024 * 1024);
  }, 120_000);

  it('is read by a worker that is then stopped, and another is started for the next file', async () => {
    const pool = new Pool(1, new URL('../dist/worker.js', `file://${ROOT}/tests/`), 20_000);
    try {
      const small = bytesOf('# A note\n\nSome text.\n');
      await pool.run(new SourceFile({ path: 'a.md', bytes: small }));
      const [first] = pool.threadIds;
      await pool.run(new SourceFile({ path: 'a.md', bytes: small }));
      // A small file: the same worker.
      expect(pool.threadIds).toEqual([first]);
      const [large] = await pool.run(new SourceFile({ path: 'long.md', bytes: bytesOf(makeNote(RETIRE_BYTES + 1024)) }));
      expect(large!.record!.text.length).toBeGreaterThan(RETIRE_BYTES / 2);
      expect(pool.threadIds).toEqual([]);
      const [next] = await pool.run(new SourceFile({ path: 'a.md', bytes: small }));
      expect(next!.record!.text).toBe('Some text.');
      expect(pool.threadIds).toHaveLength(1);
      expect(pool.threadIds[0]).not.toBe(first);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
