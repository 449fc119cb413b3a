/**
 * Property tests (fast-check): bounded runs (FC_NUM_RUNS, 200 by default);
 * on failure fast-check prints the seed and the shrunk counterexample.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitJson } from '../src/emit/json.js';
import { emitMarkdown } from '../src/emit/markdown.js';
import { emitNdjson } from '../src/emit/ndjson.js';
import type { Emitter } from '../src/emit/emitter.js';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { RecordSchema, type IngestRecord } from '../src/schema.js';
import { Names, slugify } from '../src/slug.js';
import { emitText, jsonText, records } from './helpers.js';

const runs = Number(process.env['FC_NUM_RUNS'] ?? 200);

/** Text made of the pieces notes are made of, so that the parsers' paths are exercised. */
const noteText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '---\n', '---js\n', 'title: x\n', 'author: [[A B]]\n', '## Highlights\n', '## Metadata\n', '- ', '    - Tags: [[a]]\n',
        '    - Note: n\n', '([View Highlight](https://read.readwise.io/read/01abc))', '(Location 12)', ' ^rw123\n', '<<<FILE: a.md>>>\n',
        '<<<FILE>>>\n', '# Title\n', 'By Jane Doe · July 31, 2023\n', 'Share\n', '$17.5 billion ', '11% ', '\n', '\r\n', '\r', '> ',
        '* ', '[', ']', '(', ')', '`', '%%', '&#39;', '\u00a0', '\ufeff', '\u0000', 'é', '三', '🚀', '&a [1]\n', '*a\n',
      ),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const emit = (emitter: Emitter, list: IngestRecord[]): Promise<string> => emitText(emitter, list);

describe('properties', () => {
  it('arbitrary bytes never throw: every result is a valid record or a diagnostic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('a.md', 'b.txt', '-'), (bytes, name) => {
        const outcomes = processFile(new SourceFile({ path: name, bytes: bytes }));
        expect(outcomes.length).toBeGreaterThan(0);
        for (const outcome of outcomes) {
          if (outcome.record) RecordSchema.parse(outcome.record);
          else expect(outcome.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it('arbitrary note-like text never throws, and NDJSON, JSON and Markdown output stay well formed', async () => {
    await fc.assert(
      fc.asyncProperty(noteText, fc.constantFrom('a.md', 'b.txt'), async (text, name) => {
        const outcomes = processFile(new SourceFile({ path: name, bytes: Buffer.from(text) }));
        const list = outcomes.flatMap((outcome) => (outcome.record ? [outcome.record] : []));
        for (const record of list) RecordSchema.parse(record);
        for (const outcome of outcomes) for (const d of outcome.diagnostics) expect(d.line === null || d.line >= 1).toBe(true);
        const ndjson = await emit(emitNdjson, list);
        const lines = ndjson === '' ? [] : ndjson.slice(0, -1).split('\n');
        expect(lines.map((line) => JSON.parse(line))).toEqual(JSON.parse(JSON.stringify(list)));
        expect(JSON.parse(await emit(emitJson, list))).toEqual(JSON.parse(JSON.stringify(list)));
        expect((await emit(emitMarkdown, list)).startsWith('# Research digest\n')).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('gives byte-identical output for any permutation of the input files', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-permutation-'));
    try {
      const names = ['a.md', 'b.txt', 'c/d.md', 'c/e.txt', 'f.md'];
      const texts = fc.sample(noteText, { numRuns: names.length, seed: 42 });
      names.forEach((name, i) => {
        fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        fs.writeFileSync(path.join(root, name), texts[i]!);
      });
      const reference = await jsonText(await records(names, { cwd: root }));
      await fc.assert(
        fc.asyncProperty(fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }), async (order) => {
          expect(await jsonText(await records(order, { cwd: root }))).toBe(reference);
        }),
        { numRuns: Math.min(runs, 30) },
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('names every --out-dir file inside the folder, whatever the title', () => {
    const dir = path.resolve('/tmp/out');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('..', '../../x.md', '/tmp/x', 'a/../../b', '.', 'index', 'CON', '\\..\\x')), { maxLength: 20 }), (titles) => {
        const names = new Names(['index.md']);
        const seen = new Set<string>();
        for (const title of titles) {
          const name = names.next(title, '.md');
          expect(path.dirname(path.join(dir, name))).toBe(dir);
          expect(name).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}-]*\.md$/u);
          expect(seen.has(name)).toBe(false);
          seen.add(name);
        }
        expect(slugify(titles[0] ?? '')).not.toBe('');
      }),
      { numRuns: runs },
    );
  });
});
