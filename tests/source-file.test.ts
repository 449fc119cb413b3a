/**
 * SourceFile (src/source-file.ts): the text decoded once and only when
 * asked for, a bundle's parts with their origins and the file's bytes,
 * hashes, messages placed in the physical file; and processFile on a bundle
 * gives what it gave before files were SourceFiles.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A bundle with a BOM, CRLF line ends, a preamble, an empty part, one byte that is not UTF-8 (é in Windows-1252) and a diagnostic in three parts. */
const BUNDLE = Buffer.concat([
  BOM,
  latin1('stray preamble line\r\n'),
  latin1('<<<FILE: books/alpha.md>>>\r\n'),
  latin1('---\r\ntitle: Alpha\r\nurl: not a url\r\ndate: 2024-13-45\r\n---\r\n# Alpha\r\n\r\n- a highlight\r\n'),
  latin1('<<<FILE>>>\r\n'),
  latin1('\r\n\r\n'),
  latin1('<<<FILE: readwise.md>>>\r\n'),
  latin1('# The Book\r\n\r\n## Metadata\r\n- Author: Ann Writer\r\n- Full Title: The Book\r\n- URL: htp://bad\r\n\r\n## Highlights\r\n'),
  latin1('- First highlight caf\xe9 ([Location 12](https://readwise.io/to_kindle?action=open&asin=B0&location=12))\r\n'),
  latin1('<<<FILE: clip.txt>>>\r\n'),
  latin1('The Book (Ann Writer)\r\n- Your Highlight on Location 10-12 | Added on Monday, 1 January 2024 10:00:00\r\n\r\nText of clip\r\n==========\r\n'),
]);

describe('SourceFile', () => {
  it('decodes its bytes once, and only when its text is asked for', () => {
    const file = new SourceFile({ path: 'notes/café.md', bytes: latin1('# Caf\xe9\n\nText.\n') });
    expect(file.messages.list).toEqual([]);
    expect(file.text).toBe('# Café\n\nText.\n');
    expect(file.text).toBe(file.text);
    expect(file.sha256).toBe(sha256('# Café\n\nText.\n'));
    // One warning, however often the text is read.
    expect(file.messages.list.map(({ rule, line, column }) => [rule, line, column])).toEqual([['not-utf8', 1, 6]]);
  });

  it('gives text without a BOM, with LF line ends and one final LF', () => {
    const utf8 = new SourceFile({ path: 'a.md', bytes: Buffer.concat([BOM, Buffer.from('# A\r\n\r\nline one\rline two\r\n\r\n\r\n')]) });
    expect(utf8.text).toBe('# A\n\nline one\nline two\n');
    const utf16 = new SourceFile({ path: 'b.md', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# B\r\nü\r\n', 'utf16le')]) });
    expect(utf16.text).toBe('# B\nü\n');
    expect(utf8.messages.list).toEqual([]);
  });

  it('has no text when its bytes are none, and says why on its messages', () => {
    const file = new SourceFile({ path: 'x.md', bytes: Buffer.from([0x23, 0, 1, 2]) });
    expect(file.text).toBe('');
    expect(file.parts()).toEqual([]);
    expect(file.messages.list.map((diagnostic) => diagnostic.rule)).toEqual(['binary-file']);
  });

  it('is its own only part when it is no bundle', () => {
    const file = new SourceFile({ path: 'a.md', bytes: Buffer.from('# A\n') });
    expect(file.parts()).toEqual([file]);
    expect(file.bundle).toBeNull();
    expect(file.identity).toBe('a.md\0');
  });

  it('gives one part per document of a bundle, each with its origin, sharing the bytes', () => {
    const file = new SourceFile({ path: 'notes/bundle.txt', place: 'vault/notes/bundle.txt', bytes: BUNDLE });
    const parts = file.parts();
    expect(parts.map((part) => [part.name, part.bundle, part.origin])).toEqual([
      ['notes/bundle.txt', { index: 0, name: null, line: 1 }, { line: 1, column: 1 }],
      ['books/alpha.md', { index: 1, name: 'books/alpha.md', line: 2 }, { line: 3, column: 1 }],
      ['notes/bundle.txt', { index: 2, name: null, line: 11 }, { line: 12, column: 1 }],
      ['readwise.md', { index: 3, name: 'readwise.md', line: 14 }, { line: 15, column: 1 }],
      ['clip.txt', { index: 4, name: 'clip.txt', line: 24 }, { line: 25, column: 1 }],
    ]);
    for (const part of parts) {
      expect(part.bytes).toBe(file.bytes);
      expect(part.path).toBe('notes/bundle.txt');
      expect(part.place).toBe('vault/notes/bundle.txt');
      expect(part.sha256).toBe(sha256(part.text));
    }
    expect(parts[1]!.text).toBe('---\ntitle: Alpha\nurl: not a url\ndate: 2024-13-45\n---\n# Alpha\n\n- a highlight\n');
    expect(parts[2]!.text).toBe('');
    expect(parts.map((part) => part.identity)).toEqual([0, 1, 2, 3, 4].map((index) => `vault/notes/bundle.txt\0${index}`));
    // The file's own messages (decoding, the preamble) go with the first part only.
    expect(parts.map((part) => part.messages.list.map((diagnostic) => diagnostic.rule))).toEqual([['not-utf8', 'bundle-preamble'], [], [], [], []]);
  });

  it('places a part\'s messages in the physical file', () => {
    const [, alpha] = new SourceFile({ path: 'bundle.txt', bytes: BUNDLE }).parts();
    // Line 3 of the part (`url: not a url`) is line 5 of the file; only a first line would shift by a column.
    const diagnostic = alpha!.messages.warn('invalid-url', 'a test', { line: 3, column: 6 });
    expect([diagnostic.line, diagnostic.column]).toEqual([5, 6]);
    expect(alpha!.messages.child({ line: 1, column: 4 }).warn('invalid-url', 'a test', { line: 1, column: 2 })).toMatchObject({ line: 3, column: 5 });
  });

  it('read as bytes: no text, never decoded, hashed by its bytes', () => {
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8)]);
    const file = new SourceFile({ path: 'KoboReader.sqlite', bytes }).asBytes();
    expect(file.text).toBe('');
    expect(file.parts()).toEqual([file]);
    expect(file.sha256).toBe(sha256(bytes));
    expect(file.messages.list).toEqual([]);
  });

  it('read as a stream: no text held, its hash said by its reader and shown by every record made before', () => {
    const file = new SourceFile({ path: 'My Clippings.txt' });
    expect(() => file.text).toThrow(/read as a stream/);
    const source = file.source;
    expect(source).toEqual({ path: 'My Clippings.txt', bundle: null, sha256: '' });
    file.hashed('ab'.repeat(32));
    expect(source.sha256).toBe('ab'.repeat(32));
    expect(file.source).toBe(source);
  });

  it('crosses to a worker as plain data and is rebuilt there, reading the same', () => {
    const file = new SourceFile({ path: 'notes/bundle.txt', place: 'vault/notes/bundle.txt', bytes: BUNDLE, noMarkdown: 'why', deadline: 1, meter: { documents: 0, blocks: 0, items: 0, remarkBytes: 0 } });
    const data = structuredClone(file.data());
    expect(data).toEqual({ path: 'notes/bundle.txt', place: 'vault/notes/bundle.txt', bytes: new Uint8Array(BUNDLE), optional: false, noMarkdown: 'why' });
    const rebuilt = new SourceFile(data);
    expect(rebuilt.parts().map((part) => part.text)).toEqual(file.parts().map((part) => part.text));
    // with(): the same bytes, read afresh.
    const again = file.with({ noMarkdown: undefined });
    expect(again.bytes).toBe(file.bytes);
    expect(again.messages.list).toEqual([]);
    expect(again.noMarkdown).toBeUndefined();
  });
});

describe('processFile on a bundle', () => {
  it('gives the outcomes it gave before SourceFile, byte for byte', () => {
    const outcomes = processFile(new SourceFile({ path: 'notes/bundle.txt', place: 'vault/notes/bundle.txt', bytes: BUNDLE }));
    const summary = outcomes.map((outcome) => [
      outcome.record?.format ?? null,
      outcome.record?.id ?? null,
      outcome.record?.source.bundle?.index ?? null,
      outcome.record?.source.sha256.slice(0, 12) ?? null,
      outcome.diagnostics.map(({ rule, line, column }) => `${rule}@${line}:${column}`),
    ]);
    expect(summary).toEqual([
      ['text', '60dc58a167bc0841', 0, 'c53b1f845461', ['not-utf8@23:22', 'bundle-preamble@1:1']],
      ['markdown', '6eb0c986a050ac55', 1, 'd982bfbc2a97', ['invalid-url@5:6', 'invalid-date@null:null']],
      ['text', 'e4e7db66603e8485', 2, 'e3b0c44298fc', ['empty-document@11:1']],
      ['readwise', '349cf21f48f986bc', 3, 'b652b56f8649', ['invalid-url@20:8']],
      ['kindle-clippings', '68511165cd654c54', 4, '1a09b9b48207', []],
    ]);
    // Every field of every outcome, as the code before SourceFile gave them (main at 32acf11).
    expect(sha256(JSON.stringify(outcomes))).toBe('5ccab31928c10fc49341975025f9c6f38c5c64aae888158f2712d38deef3c770');
  });
});
