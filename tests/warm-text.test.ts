/**
 * A warm NDJSON run writes each cached record's text as it is and parses
 * none (serialized.ts lazyOutcome, standIn; pipeline/run.ts recordsOf): the
 * bytes and the summary are those of a run without the cache, and a stage
 * that needs a record's fields (a digest, --merge, --since) still gets it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, type Outcome } from '../src/index.js';
import { emptyTally } from '../src/pipeline/tally.js';
import { recordsOf } from '../src/pipeline/run.js';
import { compactJson, highlightCount, standIn } from '../src/serialized.js';
import { runCli, scratch } from './helpers.js';

async function outcomes(paths: string[], cache: string): Promise<Outcome[]> {
  const list: Outcome[] = [];
  for await (const outcome of ingest(paths, { cache })) list.push(outcome);
  return list;
}

describe('a warm NDJSON run', () => {
  it('hands cached records on as their text, parsed only when a field is read', async () => {
    const { work } = scratch('warm-text');
    const cache = path.join(work, 'cache');
    const cold = await outcomes(['seeds', 'fixtures/readwise-templates'], cache);
    const warm = await outcomes(['seeds', 'fixtures/readwise-templates'], cache);
    const records = warm.filter((outcome) => standIn(outcome) !== null);
    // Every record came back from the cache unparsed.
    expect(records.length).toBe(cold.filter((outcome) => outcome.record !== null).length);
    const texts: string[] = [];
    const counts: number[] = [];
    for await (const record of recordsOf((async function* () { yield* warm; })(), emptyTally(), () => undefined, undefined, true)) {
      texts.push(compactJson(record));
      counts.push(highlightCount(record));
    }
    expect(texts).toEqual(cold.flatMap((outcome) => (outcome.record ? [JSON.stringify(outcome.record)] : [])));
    expect(counts).toEqual(cold.flatMap((outcome) => (outcome.record ? [outcome.record.highlights.length] : [])));
    // Read, the record is there, with its diagnostics.
    expect(warm.map((outcome) => outcome.record)).toEqual(cold.map((outcome) => outcome.record));
    expect(warm.map((outcome) => outcome.diagnostics)).toEqual(cold.map((outcome) => outcome.diagnostics));
  });

  it('gives the bytes and the summary of a run without the cache, in NDJSON, a digest and with --merge', async () => {
    const { work } = scratch('warm-text-cli');
    const cache = path.join(work, 'cache');
    for (const flags of [['-f', 'ndjson'], ['-f', 'md'], ['-f', 'ndjson', '--merge'], ['-f', 'json']]) {
      const none = await runCli(['seeds', 'fixtures/merge-kindle-readwise', '--no-cache', ...flags]);
      await runCli(['seeds', 'fixtures/merge-kindle-readwise', '--cache', cache, ...flags]);
      const warm = await runCli(['seeds', 'fixtures/merge-kindle-readwise', '--cache', cache, ...flags]);
      expect(warm.stdout, flags.join(' ')).toBe(none.stdout);
      const counts = (stderr: string): string => /documents: .* · \d+ highlights?/.exec(stderr)![0];
      expect(counts(warm.stderr)).toBe(counts(none.stderr));
    }
    expect(fs.existsSync(cache)).toBe(true);
  });

  it('writes a cached line holding U+2028 or U+2029 escaped, as a run without the cache does', async () => {
    const { work } = scratch('warm-separators');
    const notes = path.join(work, 'notes');
    fs.mkdirSync(notes);
    fs.writeFileSync(path.join(notes, 'a.md'), '# Separators\n\nOne\u2028line and\u2029another.\n');
    fs.writeFileSync(path.join(notes, 'b.md'), '# Plain — “quoted” ünïcödé 📌\n\nText.\n');
    const cache = path.join(work, 'cache');
    const none = await runCli([notes, '--no-cache', '-f', 'ndjson']);
    await runCli([notes, '--cache', cache, '-f', 'ndjson']);
    const warm = await runCli([notes, '--cache', cache, '-f', 'ndjson']);
    expect(warm.stdout).toBe(none.stdout);
    expect(warm.stdout).toContain('\\u2028');
    expect(warm.stdout).not.toMatch(/[\u2028\u2029]/);
    expect(warm.stdout.split('\n')).toHaveLength(3);
  });
});
