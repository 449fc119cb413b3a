/**
 * Readwise's own CSV and JSON exports: one record per book, and files of
 * those types that are not Readwise exports are refused by name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readwiseJson } from '../src/formats/readwise/json.js';
import { detectedBy, records, runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-exports-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('Readwise CSV', async () => {
  const list = await records(['fixtures/readwise-csv/02-twitter-multiline-kindle-tags.csv']);
  const crunchers = list.find((record) => record.title?.startsWith('Super Crunchers'))!;

  it('gives one record per book, in order of first appearance, with every column mapped', () => {
    expect(list.map((record) => [record.format, record.kind, record.title])).toEqual([
      ['readwise-csv', 'highlights', 'As an entrepreneur, you...'],
      ['readwise-csv', 'highlights', 'Super Crunchers: Why Thinking-by-Numbers Is the New Way to Be Smart'],
    ]);
    expect(crunchers.authors).toEqual(['Ian Ayres']);
    expect(crunchers.extra).toEqual({ asin: 'B000VRBBDC' });
    expect(crunchers.category).toBe('books');
    expect(crunchers.highlights[1]).toMatchObject({
      location: 'Location 154',
      color: 'yellow',
      tags: ['sports', 'interesting facts', 'data'],
      highlightedAt: '2019-08-24T04:56:00+00:00',
    });
  });
  it('keeps quoted fields that span lines, and order or offset positions are no location', () => {
    const thread = list[0]!;
    expect(thread.highlights).toHaveLength(16);
    expect(thread.highlights[0]!.text).toMatch(/^As an entrepreneur, you need to know your numbers\.\n\nBut what/);
    expect(thread.highlights.every((highlight) => highlight.location === null)).toBe(true);
    expect(thread.highlights[1]!.highlightedAt).toBe('2022-04-18T01:27:32+00:00');
  });
  it('gives the same book the same id in every run, and different books different ids', async () => {
    const again = await records(['fixtures/readwise-csv/02-twitter-multiline-kindle-tags.csv']);
    expect(again.map((record) => record.id)).toEqual(list.map((record) => record.id));
    expect(new Set(list.map((record) => record.id)).size).toBe(list.length);
  });
});

describe('Readwise export API JSON', async () => {
  const [docs, kindle, empty] = await records([
    'fixtures/readwise-json/01-docs-export-example.json',
    'fixtures/readwise-json/02-real-kindle-book-record.json',
    'fixtures/readwise-json/03-real-kindle-book-no-highlights.json',
  ]);
  it('maps the book and its highlights; the other fields go to extra', () => {
    expect(docs!.format).toBe('readwise-json');
    expect(docs!.highlights.map((highlight) => [highlight.id, highlight.text, highlight.color, highlight.highlightedAt])).toEqual([
      ['456', '“XPTO.”', 'yellow', '2022-09-13T16:41:53Z'],
      ['890', 'Foo Bar.', 'yellow', '2022-09-13T16:41:53Z'],
    ]);
    expect(docs!.extra).toMatchObject({ user_book_id: 123, source: 'raindrop', readwise_url: 'https://readwise.io/bookreview/123' });
    expect([kindle!.title, kindle!.category, kindle!.extra['asin']]).toEqual(['Mating in Captivity', 'books', 'B0071M88DQ']);
  });
  it('keeps a book without highlights', () => {
    expect([empty!.title, empty!.highlights]).toEqual(['Screenwriting', []]);
  });
});

/**
 * A Bookcision export (readwise.io/bookcision: one Kindle book's notebook),
 * the excerpt dimasmith/highlights keeps in `src/input/bookcision.rs`
 * (afd8f6dceabc0b79fbbe4f7bec6e40ae30740fab): it has `"highlights":` and a
 * book's `asin` and `title`, but none of Readwise's own keys.
 */
const BOOKCISION = `{
  "asin": "B0049U443Q",
  "title": "How Life Imitates Chess: Making the Right Moves, from the Board to the Boardroom",
  "authors": "Garry Kasparov",
  "highlights": [
    {
      "text": "“Why this move? What am I trying to achieve and how does this move help me achieve it?”",
      "isNoteOnly": false,
      "location": {
        "url": "kindle://book?action=open&asin=B0049U443Q&location=447",
        "value": 447
      },
      "note": "Each move or decision should contribute to some strategical objective"
    }
  ]
}
`;

describe('what the Readwise JSON reader accepts', () => {
  it("is Readwise's own shapes: pages with results, books with Readwise's keys; not any JSON with highlights", () => {
    expect(detectedBy(readwiseJson)).toEqual([
      'fixtures/readwise-json/01-docs-export-example.json',
      'fixtures/readwise-json/02-real-kindle-book-record.json',
      'fixtures/readwise-json/03-real-kindle-book-no-highlights.json',
    ]);
    const accepts = (text: string): boolean => readwiseJson.detect({ name: 'export.json', text });
    expect(accepts(BOOKCISION)).toBe(false);
    expect(accepts('{"title": "Notes", "highlights": [{"text": "a"}]}')).toBe(false);
    // A Readwise key quoted inside a highlight's text is no key.
    expect(accepts('{"title": "T", "highlights": [{"text": "say \\"source_url\\": x"}]}')).toBe(false);
    expect(accepts('{"count": 1, "nextPageCursor": null, "results": [{"title": "T", "highlights": []}]}')).toBe(true);
    expect(accepts('[{"results": [{"title": "T", "highlights": []}]}]')).toBe(true);
    expect(accepts('[{"user_book_id": 1, "title": "T", "highlights": []}]')).toBe(true);
    expect(accepts('{"title": "T", "highlights": [{"text": "a", "location_type": "location", "location": 3}]}')).toBe(true);
  });

  it('never reads a Bookcision export as readwise-json', async () => {
    fs.writeFileSync(path.join(work, 'Kindle.Highlights_How.Life.Imitates.Chess.json'), BOOKCISION);
    const run = await runCli(['Kindle.Highlights_How.Life.Imitates.Chess.json', '--no-cache', '-f', 'ndjson'], { cwd: work });
    const formats = run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((line) => JSON.parse(line).format);
    expect(formats).not.toContain('readwise-json');
  });
});

describe('files that are not Readwise exports', () => {
  it('refuses a CSV or JSON file of another kind by name, with unknown-format, and goes on', async () => {
    fs.writeFileSync(path.join(work, 'budget.csv'), 'Month,Rent,Food\nJanuary,900,300\n');
    fs.writeFileSync(path.join(work, 'package.json'), '{"name": "x", "version": "1.0.0"}\n');
    const run = await runCli(['budget.csv', 'package.json', path.resolve('seeds/000_65a76a17cc260e56.txt'), '--no-cache', '-f', 'ndjson'], { cwd: work });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^budget\.csv {2}error {2}budget\.csv: this CSV file is not a format ingest reads; expected a Readwise CSV export .* {2}unknown-format$/m);
    expect(run.stderr).toMatch(/^package\.json {2}error {2}.*this JSON file is not a format ingest reads.* {2}unknown-format$/m);
  });
  it('reports a CSV that breaks off inside a quoted field, with its line', async () => {
    fs.writeFileSync(path.join(work, 'broken.csv'), 'Highlight,Book Title,Book Author\n"one,Book,Author\n');
    const run = await runCli(['broken.csv', '--no-cache'], { cwd: work });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^broken\.csv:\d+:1 {2}error {2}the CSV could not be read: .* {2}csv-syntax$/m);
  });
  it('reads the CSV and JSON exports inside folders (formats claim them), other CSV files only with --include', async () => {
    const folder = path.join(work, 'exports');
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync('fixtures/readwise-csv/04-reader-offset.csv', path.join(folder, 'readwise-data.csv'));
    fs.writeFileSync(path.join(folder, 'budget.csv'), 'month,amount\nJanuary,12\n');
    const plain = await runCli([folder, '--no-cache', '-f', 'ndjson']);
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout.trim().split('\n').map((line) => JSON.parse(line).format)).toEqual(['readwise-csv', 'readwise-csv', 'readwise-csv']);
    // --include reads what it names as if named: a CSV that is no export is then an error.
    const named = await runCli([folder, '--include', '*.csv', '--no-cache', '-f', 'ndjson']);
    expect(named.exitCode).toBe(1);
    expect(named.stderr).toMatch(/budget\.csv.*unknown-format/);
    fs.rmSync(path.join(folder, 'budget.csv'));
    const included = await runCli([folder, '--include', '*.csv', '--no-cache', '-f', 'ndjson']);
    expect(included.stdout.trim().split('\n').map((line) => JSON.parse(line).format)).toEqual(['readwise-csv', 'readwise-csv', 'readwise-csv']);
  });
});
