/**
 * Issue #23: how much Markdown remark parsed flows back with each file's
 * reading (processFile adds it to the meter its caller gives), instead of a
 * counter global to the parser that pipeline/read.ts read: the lowest layer
 * no longer steers the top one, and no module of src/parse/ keeps state.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the benchmarks, without types
import { longNote } from '../bench/long-note.mjs';
import { parserMeter } from '../src/parse/markdown.js';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { ROOT } from './helpers.js';

const makeNote = longNote as (bytes: number, code?: boolean) => string;
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the cost of parsing a file', () => {
  it('is told to the caller of processFile, for that file only', () => {
    const fast = parserMeter();
    const [note] = processFile(new SourceFile({ path: 'long.md', bytes: bytesOf(makeNote(48 * 1024)), meter: fast }));
    expect(note!.record).not.toBeNull();
    // Built by the fast path alone: remark parsed nothing.
    expect(fast.remarkBytes).toBe(0);
    expect(fast.documents).toBe(1);
    expect(fast.blocks).toBeGreaterThan(100);

    // A link definition acts at a distance: remark parses the whole body.
    const body = '# Defined\n\nSee [the site][site].\n\n[site]: https://example.com\n';
    const slow = parserMeter();
    processFile(new SourceFile({ path: 'defined.md', bytes: bytesOf(body), meter: slow }));
    expect(slow.remarkBytes).toBe(body.length);
    expect(slow.blocks).toBe(0);
    // The first file's meter saw nothing of the second.
    expect(fast.remarkBytes).toBe(0);
  });

  it('is kept in no module-level counter of src/parse/', () => {
    const folder = path.join(ROOT, 'src', 'parse');
    for (const name of fs.readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      // A top-level `let`, or a top-level object of counters (`export const stats = { documents: 0, … }`): state that outlives a call.
      expect(text, name).not.toMatch(/^(?:export\s+)?let\s/m);
      expect(text, name).not.toMatch(/^(?:export\s+)?const\s+\w+\s*=\s*\{[^}]*:\s*0\b/m);
    }
  });
});
