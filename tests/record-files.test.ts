/**
 * Files of records (Kindle clippings, Readwise CSV and JSON exports) are
 * read as a stream, a record at a time, and --max-bytes limits a record,
 * not the file: through the binary, a file larger than --max-bytes gives
 * the records a whole read gives (INGEST_STREAM_BYTES=Infinity reads every
 * file whole, as before), byte for byte, with the same diagnostics at the
 * same lines, in every encoding decode() reads.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, untilLocked, withoutSummary, type Run } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-records-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A deterministic stream of words, some of several bytes in UTF-8, so that pieces of the file end inside characters. */
function words(seed: number): (count: number) => string {
  const list = 'the of reading a notes über café naïve 日本語 Это memory stream record ✓ 𝄞 highlight book page'.split(' ');
  let state = seed;
  return (count) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      out.push(list[state % list.length]!);
    }
    return out.join(' ');
  };
}

/** A Kindle `My Clippings.txt` of about `bytes` bytes: CRLF, a BOM, 40 books, notes, bookmarks and edited (repeated) highlights. */
function clippings(bytes: number, options: { books?: number; body?: (index: number) => string | null } = {}): string {
  const text = words(11);
  const books = options.books ?? 40;
  const parts: string[] = ['\uFEFF'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const book = `Book ${i % books} café 日本語 (Author ${(i % books) % 7})`;
    const location = 10 * i;
    const date = 'Added on Monday, March 13, 2023 10:21:33 PM';
    let clipping: string;
    if (i % 17 === 5) clipping = `${book}\r\n- Your Bookmark on Location ${location} | ${date}\r\n\r\n\r\n==========\r\n`;
    else if (i % 11 === 3) clipping = `${book}\r\n- Your Note on Location ${location - 9} | ${date}\r\n\r\n${text(8)}\r\n==========\r\n`;
    else {
      const body = options.body?.(i) ?? text(30 + (i % 50));
      clipping = `${book}\r\n- Your Highlight on page ${i} | Location ${location}-${location + 3} | ${date}\r\n\r\n${body}\r\n==========\r\n`;
      // Kindle keeps both when a highlight is edited: the later one replaces the earlier (an info diagnostic with both lines).
      if (i % 23 === 7) clipping += `${book}\r\n- Your Highlight on page ${i} | Location ${location}-${location + 5} | ${date}\r\n\r\n${body} ${text(4)}\r\n==========\r\n`;
    }
    parts.push(clipping);
    size += Buffer.byteLength(clipping);
  }
  return parts.join('');
}

/** A Readwise CSV export of about `bytes` bytes: quoted fields that hold commas, quotes and line breaks. */
function readwiseCsv(bytes: number): string {
  const text = words(5);
  const rows = ['Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const row = `"${text(20)}, ""quoted""\r\n${text(10)}",Book ${i % 30},Author ${(i % 30) % 9},B00${i % 30},${i % 4 === 0 ? `"${text(6)}"` : ''},yellow,"a, b",location,${i},2023-03-13 22:21:33+00:00,"shelf ${i % 3}"`;
    rows.push(row);
    size += Buffer.byteLength(row) + 2;
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** A Readwise JSON export of about `bytes` bytes: an array of pages of `results`, books with escapes (and URLs that are none). */
function readwiseJson(bytes: number, badUrls = false): string {
  const text = words(3);
  const pages: string[] = [];
  let size = 0;
  for (let page = 0; size < bytes; page++) {
    const books: unknown[] = [];
    for (let b = 0; b < 10; b++) {
      const id = page * 10 + b;
      const highlights = Array.from({ length: 20 }, (_, h) => ({ id: id * 100 + h, text: `${text(25)} "quote" \\ end`, note: h % 3 === 0 ? text(5) : '', location: h, location_type: 'location', highlighted_at: '2023-03-13T22:21:33Z', tags: [{ id: 1, name: 'tag' }] }));
      books.push({ user_book_id: id, title: `Book ${id} ${text(2)}`, author: `Author ${id % 5}`, category: 'books', source_url: badUrls && id % 13 === 0 ? 'not a url' : `https://example.com/${id}`, book_tags: [], highlights });
    }
    const json = JSON.stringify({ count: 1000, nextPageCursor: page, results: books }, null, 2);
    pages.push(json);
    size += json.length;
  }
  return `[\n${pages.join(',\n')}\n]\n`;
}

function write(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(work, 'case-'));
  fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

const INCLUDE = ['--include', '*.txt', '--include', '*.csv', '--include', '*.json'];

/** The run as a stream (the default for files of 256 KiB or more) and the run of the whole file, as before. */
async function bothWays(dir: string, args: string[]): Promise<{ streamed: Run; whole: Run }> {
  const streamed = await runCli(['.', ...INCLUDE, '--format', 'ndjson', '--no-cache', ...args], { cwd: dir });
  const whole = await runCli(['.', ...INCLUDE, '--format', 'ndjson', '--no-cache', '--max-bytes', '64M'], { cwd: dir, env: { INGEST_STREAM_BYTES: 'Infinity' } });
  return { streamed, whole };
}

function expectSame({ streamed, whole }: { streamed: Run; whole: Run }): void {
  expect(whole.exitCode).toBe(0);
  expect(streamed.exitCode).toBe(0);
  expect(streamed.stdout).toBe(whole.stdout);
  expect(withoutSummary(streamed.stderr)).toBe(withoutSummary(whole.stderr));
}

const records = (run: Run): Array<{ title: string; highlights: unknown[]; format: string }> => run.stdout.trim().split('\n').map((line) => JSON.parse(line));

describe('every fixture read as a stream', () => {
  it('gives the bytes a whole read gives, diagnostics included (real-world exports too, when present)', async () => {
    const realworld = path.join(ROOT, '..', 'shared', 'realworld');
    // The fixtures' expected outputs are ingest's own output, refused as input (ingest-output): not records to compare.
    const args = ['fixtures', ...(fs.existsSync(realworld) ? [realworld] : []), ...INCLUDE, '--include', '*.md', '--exclude', 'expected.json', '--exclude', 'merged.json', '--format', 'ndjson', '--no-cache'];
    const [streamed, whole] = await Promise.all([runCli(args, { env: { INGEST_STREAM_BYTES: '0' } }), runCli(args, { env: { INGEST_STREAM_BYTES: 'Infinity' } })]);
    expect(streamed.stdout.split('\n').length).toBeGreaterThan(300);
    expect(streamed.stdout).toBe(whole.stdout);
    expect(withoutSummary(streamed.stderr)).toBe(withoutSummary(whole.stderr));
  });
});

describe('files of records larger than --max-bytes', () => {
  it('reads a Kindle My Clippings.txt past --max-bytes: every book, as a whole read gives them', async () => {
    const dir = write('My Clippings.txt', clippings(1.3e6));
    const both = await bothWays(dir, ['--max-bytes', '1M']);
    expectSame(both);
    const books = records(both.streamed);
    expect(books).toHaveLength(40);
    expect(books.every((book) => book.format === 'kindle-clippings' && book.highlights.length > 10)).toBe(true);
    // Edited highlights are found wherever they are in the file, and named by their physical lines.
    const diagnostics = books.flatMap((book) => (book as unknown as { diagnostics: Array<{ rule: string; line: number; message: string }> }).diagnostics);
    expect(diagnostics.filter((diagnostic) => diagnostic.rule === 'kindle-duplicate' && diagnostic.line > 10_000 && /at line \d{5}/.test(diagnostic.message)).length).toBeGreaterThan(5);
  });

  it('reads a Readwise CSV export past --max-bytes', async () => {
    const dir = write('export.csv', readwiseCsv(1.2e6));
    const both = await bothWays(dir, ['--max-bytes', '1M']);
    expectSame(both);
    expect(records(both.streamed)).toHaveLength(30);
  });

  it('reads a Readwise JSON export past --max-bytes, one book at a time', async () => {
    const dir = write('export.json', readwiseJson(1.2e6));
    const both = await bothWays(dir, ['--max-bytes', '1M']);
    expectSame(both);
    const books = records(both.streamed);
    expect(books.length).toBeGreaterThan(100);
    expect(books.every((book) => book.format === 'readwise-json' && book.highlights.length === 20)).toBe(true);
  });

  it('places a diagnostic of a streamed JSON book at that book, not at the first book with the same text', async () => {
    const json = readwiseJson(600_000, true);
    const run = await runCli(['.', ...INCLUDE, '--format', 'ndjson', '--no-cache'], { cwd: write('export.json', json) });
    const lines = json.split('\n');
    const written = lines.flatMap((line, index) => (line.includes('"not a url"') ? [`export.json:${index + 1}:${line.indexOf('not a url') + 1}`] : []));
    const shown = [...run.stderr.matchAll(/^(export\.json:\d+:\d+) {2}warning {2}"not a url" is not a URL/gm)].map((match) => match[1]);
    expect(written.length).toBeGreaterThan(5);
    expect(shown).toEqual(written);
  });

  it('decodes a Windows-1252 file whose first byte that is not UTF-8 comes late, and UTF-16, as a whole read does, past --max-bytes', async () => {
    const latin = Buffer.concat([Buffer.from(clippings(400_000).replace(/[^\t-\x7f]/gu, 'x'), 'latin1'), Buffer.from('Caf\xe9 book (A)\r\n- Your Highlight on Location 1-2 | Added on Monday, March 13, 2023 10:21:33 PM\r\n\r\nna\xefve\r\n==========\r\n', 'latin1')]);
    const cp1252 = bothWays(write('My Clippings.txt', latin), ['--max-bytes', '300k']);
    const utf16 = bothWays(write('My Clippings.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clippings(400_000).slice(1), 'utf16le')])), ['--max-bytes', '300k']);
    const latinRuns = await cp1252;
    expectSame(latinRuns);
    expect(latinRuns.streamed.stderr).toMatch(/^My Clippings\.txt:\d{4,}:4 {2}warning {2}byte 0xe9 is not valid UTF-8; decoded the file as Windows-1252 {2}not-utf8$/m);
    expect(records(latinRuns.streamed).some((book) => book.title === 'Café book')).toBe(true);
    expectSame(await utf16);
  });

  it('skips a record longer than --max-bytes with an error at its line, and reads the others', async () => {
    const long = words(9)(60_000);
    const kindle = write('My Clippings.txt', clippings(600_000, { body: (i) => (i === 400 ? long : null) }));
    const run = await runCli(['.', ...INCLUDE, '--format', 'ndjson', '--no-cache', '--max-bytes', '200k'], { cwd: kindle });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^My Clippings\.txt:\d+:1 {2}error {2}a clipping of "Book 0 .*" is more than --max-bytes 204800 characters long; skipped .* {2}too-large$/m);
    expect(records(run)).toHaveLength(40);

    const json = JSON.parse(readwiseJson(400_000)) as Array<{ results: Array<{ highlights: Array<{ text: string }> }> }>;
    json[1]!.results[2]!.highlights[0]!.text = long;
    const dir = write('export.json', JSON.stringify(json, null, 1));
    const jsonRun = await runCli(['.', ...INCLUDE, '--format', 'ndjson', '--no-cache', '--max-bytes', '200k'], { cwd: dir });
    expect(jsonRun.exitCode).toBe(1);
    expect(jsonRun.stderr).toMatch(/^export\.json:\d+:\d+ {2}error {2}a book of the JSON is more than --max-bytes 204800 characters long; skipped {2}too-large$/m);
    expect(records(jsonRun)).toHaveLength(json.length * 10 - 1);
  });

  it('still limits a Markdown document, and a file of records that may be a bundle (<<<FILE), by --max-bytes', async () => {
    const dir = write('notes.md', `# Notes\n\n${'A line of a long note.\n'.repeat(60_000)}`);
    fs.writeFileSync(path.join(dir, 'My Clippings.txt'), `${clippings(1.2e6)}<<<FILE: other.md>>>\n# Other\n`);
    const run = await runCli(['.', ...INCLUDE, '--include', '*.md', '--format', 'ndjson', '--no-cache', '--max-bytes', '1M'], { cwd: dir });
    expect(run.stderr).toMatch(/^notes\.md {2}error {2}the file \(\d+ bytes\) is more than --max-bytes 1048576; skipped .* {2}too-large$/m);
    expect(run.stderr).toMatch(/^My Clippings\.txt {2}error {2}the file \(\d+ bytes\) is more than --max-bytes 1048576; skipped .* {2}too-large$/m);
  });

  it('caches a streamed file within --max-bytes, and reads it again when it grows', async () => {
    const dir = write('My Clippings.txt', clippings(600_000));
    const cache = path.join(work, 'cache');
    const args = ['.', '--format', 'ndjson', '--cache', cache];
    const first = await runCli(args, { cwd: dir });
    expect(first.exitCode).toBe(0);
    // A second run finds the entry (the file is not even opened: its stat is the entry's, once old enough to trust).
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'My Clippings.txt'), old, old);
    const again = await runCli(args, { cwd: dir });
    expect(again.stdout).toBe(first.stdout);
    fs.appendFileSync(path.join(dir, 'My Clippings.txt'), 'New book (Someone)\r\n- Your Highlight on Location 5-6 | Added on Monday, March 13, 2023 10:21:33 PM\r\n\r\nNew text.\r\n==========\r\n');
    const grown = await runCli(args, { cwd: dir });
    expect(records(grown).map((book) => book.title)).toContain('New book');
    expect(records(grown)).toHaveLength(records(first).length + 1);
  });

  it('stops within a second of SIGINT while it reads a large file of records (about 0.1 s on an idle machine)', async () => {
    const dir = write('My Clippings.txt', clippings(12e6, { books: 400 }));
    const out = path.join(work, 'out.ndjson');
    const child = spawn(process.execPath, [BIN, '.', '--format', 'ndjson', '--no-cache', '-o', out], { cwd: dir, stdio: 'ignore' });
    await untilLocked(child, out);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(child.exitCode).toBeNull();
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exit) => resolve(exit)));
    expect(code).toBe(130);
    expect(performance.now() - sent).toBeLessThan(1000);
  });
});
