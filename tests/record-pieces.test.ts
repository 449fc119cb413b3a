/**
 * The stages of a file read as a stream give, whatever pieces the file
 * comes in, what the whole-file stages give: decode() and its positions,
 * documentText() and its hash, text.split('\n'), JSON.parse, and a Kindle
 * file's books. Property tests: the pieces are cut at random.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindleClippings } from '../src/formats/kindle/clippings.js';
import { readwiseCsv } from '../src/formats/readwise/csv.js';
import { readwiseJson } from '../src/formats/readwise/json.js';
import type { SourceFormat, Work } from '../src/formats/format.js';
import { ChunkDecoder, type NotUtf8 } from '../src/input/decode-chunks.js';
import { JsonRecords } from '../src/input/json-records.js';
import { DocumentChunks, LineSplitter } from '../src/input/text-chunks.js';
import { Messages } from '../src/messages.js';
import { bytePosition, BytePositions, decode, detectBom, firstInvalidUtf8 } from '../src/read.js';
import { documentText } from '../src/split.js';

/** The value cut into pieces at these (sorted, deduplicated) offsets; never inside a surrogate pair (no decoder gives half of one). */
function cut<T extends { length: number; slice(start: number, end?: number): T }>(value: T, at: number[]): T[] {
  const inPair = (point: number): boolean => typeof value === 'string' && /[\uDC00-\uDFFF]/u.test(value[point] ?? '');
  const points = [...new Set(at.map((point) => point % (value.length + 1)).filter((point) => !inPair(point)))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(value.slice(start, point));
    start = point;
  }
  pieces.push(value.slice(start));
  return pieces;
}

/** Line and column of a byte offset, as decode() counted them before it could count in pieces. */
function referencePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) {
      line += 1;
      column = 1;
    } else if ((byte & 0xc0) !== 0x80 && byte !== 0x0d) column += 1;
  }
  return { line, column };
}

/** Runs per property: FC_NUM_RUNS, 200 by default (as tests/properties.test.ts). */
const runs = { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) };

const cuts = fc.array(fc.nat(), { maxLength: 12 });
/** Text with what breaks pieces: characters of 2, 3 and 4 bytes, CR, LF, BOMs and spaces. */
const tricky = fc.array(fc.constantFrom('a', 'é', '日', '𝄞', '\r', '\n', '\r\n', ' ', '\t', '\uFEFF', '<<<FILE', '='), { maxLength: 60 }).map((parts) => parts.join(''));

describe('pieces of a file', () => {
  it('decode in pieces as decode() decodes the whole, or stop at the same first byte that is not UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), tricky, cuts, (noise, text, at) => {
        const file = Buffer.concat([Buffer.from(text), Buffer.from(noise.filter((byte) => byte !== 0))]);
        const bom = detectBom(file);
        if (bom === 'utf-16le' || bom === 'utf-16be') return;
        // The caller reads past a BOM, as decode() does.
        const bytes = bom === 'utf-8' ? file.subarray(3) : file;
        const decoder = new ChunkDecoder('utf-8');
        let decoded = '';
        let invalid: NotUtf8 | null = null;
        try {
          for (const piece of cut(bytes, at)) decoded += decoder.write(piece);
          decoded += decoder.end();
        } catch (error) {
          invalid = error as NotUtf8;
        }
        const first = firstInvalidUtf8(bytes);
        expect(invalid?.offset ?? -1).toBe(first);
        const whole = decode(file, new Messages());
        if (invalid === null && whole.ok) expect(decoded).toBe(whole.text);
        if (first >= 0) {
          const counter = new BytePositions();
          for (const piece of cut(bytes.subarray(0, first), at)) counter.add(piece);
          expect(counter.position(bytes[first])).toEqual(referencePosition(bytes, first));
          expect(bytePosition(bytes, first)).toEqual(referencePosition(bytes, first));
        }
      }),
      runs,
    );
  });

  it('decode UTF-16 and Windows-1252 in pieces as a whole', () => {
    fc.assert(
      fc.property(tricky, cuts, (text, at) => {
        for (const [encoding, bytes] of [
          ['utf-16le', Buffer.from(text, 'utf16le')],
          ['windows-1252', Buffer.from(text.replace(/[^\t-\xff]/gu, '?'), 'latin1')],
        ] as const) {
          const decoder = new ChunkDecoder(encoding);
          const decoded = cut(bytes, at).map((piece) => decoder.write(piece)).join('') + decoder.end();
          const whole = encoding === 'utf-16le' ? decode(Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]), new Messages()) : null;
          if (whole?.ok) expect(decoded).toBe(whole.text);
          if (encoding === 'windows-1252') expect(decoded).toBe(text.replace(/[^\t-\xff]/gu, '?').replace(/\r\n?/g, '\n'));
        }
      }),
      runs,
    );
  });

  it('give the document text, its hash and its lines as documentText() and split() give them', () => {
    fc.assert(
      fc.property(tricky, cuts, (text, at) => {
        const chunks = new DocumentChunks();
        const lines = new LineSplitter(Infinity);
        const seen: string[] = [];
        let joined = '';
        for (const piece of cut(text, at)) {
          const out = chunks.write(piece);
          joined += out;
          lines.write(out, (line) => seen.push(line.text));
        }
        const last = chunks.end();
        joined += last;
        lines.write(last, (line) => seen.push(line.text));
        lines.end((line) => seen.push(line.text));
        const expected = documentText(text);
        expect(joined).toBe(expected);
        expect(chunks.sha256()).toBe(createHash('sha256').update(expected).digest('hex'));
        expect(seen).toEqual(expected.split('\n'));
        expect(chunks.bundle).toBe(text.includes('<<<FILE'));
      }),
      runs,
    );
  });

  it('split a JSON export into its records, whatever the pieces', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const book = fc.record({ title: fc.string(), highlights: fc.array(value, { maxLength: 3 }), 'a"\\': value });
    fc.assert(
      fc.property(fc.array(fc.record({ count: fc.nat(), results: fc.array(fc.oneof(book, value), { maxLength: 4 }), next: value }), { maxLength: 4 }), fc.boolean(), cuts, (pages, spaced, at) => {
        const json = JSON.stringify(pages, null, spaced ? 2 : undefined);
        const splitter = new JsonRecords(Infinity);
        const found = [...cut(json, at).flatMap((piece) => splitter.write(piece)), ...splitter.end()];
        const expected = JSON.parse(JSON.stringify(pages.flatMap((page) => [...page.results.map((result) => ['result', result]), ['item', { ...page, results: [] }]])));
        expect(found.map((record) => [record.kind, JSON.parse(record.text!)])).toEqual(expected);
        for (const record of found) {
          // Where a record starts: its line and column in the whole text.
          const offset = json.split('\n').slice(0, record.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + record.column - 1;
          // A page's text is its own with its results taken out: only the part before them is as written.
          const before = record.results ? record.text!.slice(0, record.text!.indexOf('"results":[') + 11) : record.text!;
          expect(json.slice(offset, offset + before.length)).toBe(before);
        }
      }),
      runs,
    );
  });

  it('refuses JSON that is not whole or has text around its records, as JSON.parse does', () => {
    for (const bad of ['[{"a":1} {"b":2}]', '[{"a":1},]', '[1,2', '{"results":[{"a":1}]', '[]x', '[{"a":"\\"}]', ']', '[,1]']) {
      const splitter = new JsonRecords(Infinity);
      expect(() => {
        const found = [...splitter.write(bad), ...splitter.end()];
        for (const record of found) JSON.parse(record.text!);
      }, bad).toThrow();
      expect(() => JSON.parse(bad)).toThrow();
    }
  });
});

/** The works a format's `records` gives for the text in these pieces, as JSON. */
async function streamedWorks(format: SourceFormat, text: string, at: number[]): Promise<unknown> {
  const works: Work[] = [];
  async function* pieces(): AsyncGenerator<string> {
    yield* cut(text, at);
  }
  const messages = new Messages();
  const read = await format.records!(pieces(), messages, { maxRecord: Infinity, emit: async (work) => void works.push(work), fail: () => undefined });
  return read.ok ? JSON.stringify(works.map((work) => [work.fields, work.key, work.messages.list])) : JSON.stringify(read.messages.list);
}

function wholeWorks(format: SourceFormat, name: string, text: string): unknown {
  const reading = format.read({ name, text }, new Messages());
  return reading.works ? JSON.stringify(reading.works.map((work) => [work.fields, work.key, work.messages.list])) : JSON.stringify(reading.messages.list);
}

describe('a format read as records', () => {
  const clipping = fc.record({
    title: fc.constantFrom('Book (Author)', 'Other (A; B)', '\uFEFFBook (Author)'),
    kind: fc.constantFrom('Highlight', 'Note', 'Bookmark'),
    start: fc.integer({ min: 1, max: 40 }),
    length: fc.integer({ min: 0, max: 5 }),
    body: fc.array(fc.constantFrom('text', 'more text', '', '==========', '- Your Highlight on Location 3', '日本語'), { maxLength: 4 }),
  });
  it('gives a Kindle file the books read() gives, with the same diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(clipping, { minLength: 1, maxLength: 12 }), fc.boolean(), cuts, async (list, separators, at) => {
        const text = list
          .map((c) => `${c.title}\n- Your ${c.kind} on Location ${c.start}-${c.start + c.length} | Added on Monday, March 13, 2023 10:21:33 PM\n\n${c.body.join('\n')}\n==========\n`)
          .join('');
        const document = documentText(separators ? text : text.replace(/==========\n/g, ''));
        expect(await streamedWorks(kindleClippings, document, at)).toEqual(wholeWorks(kindleClippings, 'My Clippings.txt', document));
      }),
      runs,
    );
  });

  it('gives a Readwise CSV and JSON export the books read() gives', async () => {
    const csv = documentText('Highlight,Book Title,Book Author,Note\n"a, ""b""\nc",T1,A,n\nx,T2,B,\n"y",T1,A,"note\n2"\n');
    const json = documentText(JSON.stringify({ count: 2, results: [{ title: 'T', highlights: [{ text: 'a', id: 1 }] }, 5, { title: 'U', author: 'A', highlights: [] }] }, null, 2));
    for (const at of [[], [1], [7, 30, 31], [50, 51, 52, 53]]) {
      expect(await streamedWorks(readwiseCsv, csv, at)).toEqual(wholeWorks(readwiseCsv, 'x.csv', csv));
      expect(await streamedWorks(readwiseJson, json, at)).toEqual(wholeWorks(readwiseJson, 'x.json', json));
    }
    const broken = documentText('Highlight,Book Title\n"open,T\n');
    expect(await streamedWorks(readwiseCsv, broken, [5])).toEqual(wholeWorks(readwiseCsv, 'x.csv', broken));
  });
});
