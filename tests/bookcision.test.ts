/**
 * Bookcision's JSON download (fixtures/bookcision, see its SOURCES.md) and
 * its plain-text download (fixtures/bookcision-text): the facts below were
 * written by hand from the files before expected.json was generated. And
 * what the readers do not take: plain JSON, Readwise exports, ingest's own
 * output, plain text notes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookcision } from '../src/formats/bookcision/bookcision.js';
import { bookcisionText } from '../src/formats/bookcision/text.js';
import { detectedBy, recordsOf, runCli, scratch } from './helpers.js';

const { work, folder } = scratch('bookcision');
const books = await recordsOf('bookcision');
const book = (file: string) => books.get(file)!;

describe('Bookcision JSON', () => {
  it('reads one book per file: title, authors, category, ASIN', () => {
    const slate = book('01-blank-slate.json');
    expect([slate.format, slate.kind, slate.title, slate.authors, slate.category, slate.url]).toEqual([
      'bookcision',
      'highlights',
      'The Blank Slate: The Modern Denial of Human Nature',
      ['Steven Pinker'],
      'books',
      null,
    ]);
    expect(slate.extra).toEqual({ asin: 'B000QCTNIM' });
    const chess = book('02-how-life-imitates-chess.json');
    expect([chess.title, chess.authors, chess.extra]).toEqual([
      'How Life Imitates Chess: Making the Right Moves, from the Board to the Boardroom',
      ['Garry Kasparov'],
      { asin: 'B0049U443Q' },
    ]);
    // Amazon's byline of several people: one entry per person.
    expect(book('03-constructed-no-location.json').authors).toEqual(['Haruki Murakami', 'Jay Rubin', 'Philip Gabriel']);
  });

  it('reads every highlight with its text, note, location and kindle:// link', () => {
    const slate = book('01-blank-slate.json').highlights;
    expect(slate).toHaveLength(5);
    expect(slate.map((highlight) => highlight.location)).toEqual(['Location 157', 'Location 171', 'Location 202', 'Location 1423', 'Location 1543']);
    expect(slate[0]!.text).toMatch(/^To acknowledge human nature, many think, is to endorse racism, sexism, war, greed/);
    expect(slate[0]!.url).toBe('kindle://book?action=open&asin=B000QCTNIM&location=157');
    expect(slate[3]!.text).toBe(
      'ultimately people crave sex in order to reproduce (because the ultimate cause of sex is reproduction), but proximately they may do everything they can not to reproduce (because the proximate cause of sex is pleasure).',
    );
    expect(slate.slice(0, 4).map((highlight) => highlight.note)).toEqual([null, null, null, null]);
    const chess = book('02-how-life-imitates-chess.json').highlights;
    expect(chess.map((highlight) => [highlight.text, highlight.note, highlight.location])).toEqual([
      [
        'the reality is that we discard our decisions almost as soon as we make them. Too often we just live with the results and move on, repeating the same flawed process with the same flawed results.',
        null,
        'Location 157',
      ],
      ['“Why this move? What am I trying to achieve and how does this move help me achieve it?”', 'Each move or decision should contribute to some strategical objective', 'Location 447'],
    ]);
  });

  it('keeps a note-only entry as a highlight with no text and the note', () => {
    const [, , , , note] = book('01-blank-slate.json').highlights;
    expect([note!.text, note!.note, note!.location, note!.url]).toEqual([
      '',
      'RFT adds methodological and conceptual precision to this idea',
      'Location 1543',
      'kindle://book?action=open&asin=B000QCTNIM&location=1543',
    ]);
    // A copy that wrote the note in `text` (and `note: null`) is read the same.
    const written = book('03-constructed-no-location.json').highlights[2]!;
    expect([written.text, written.note, written.location]).toEqual(['', 'Fuka-Eri again', 'Location 10597']);
  });

  it('gives an entry the page had no location for (value null, location=NaN) neither a location nor a link', () => {
    const [none, located] = book('03-constructed-no-location.json').highlights;
    expect([none!.text, none!.location, none!.url]).toEqual(['He himself was the one who most wanted to watch his own forthcoming actions from a distance.', null, null]);
    expect([located!.location, located!.url, located!.note]).toEqual(['Location 6966', 'kindle://book?action=open&asin=B004LROUW2&location=6966', 'the cat town']);
  });

  it('reads authors given as an array, one entry per person', async () => {
    const dir = folder('array');
    fs.writeFileSync(
      path.join(dir, 'book.json'),
      JSON.stringify({ asin: 'B000', title: 'T', authors: ['A One', 'B Two and C Three'], highlights: [{ text: 'x', isNoteOnly: false, location: { url: 'kindle://book?action=open&asin=B000&location=1', value: 1 }, note: null }] }),
    );
    const run = await runCli(['book.json', '--no-cache', '-f', 'ndjson'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).authors).toEqual(['A One', 'B Two', 'C Three']);
  });
});

describe('what the Bookcision reader takes', () => {
  it('takes the Bookcision fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(bookcision)).toEqual([
      'fixtures/bookcision/01-blank-slate.json',
      'fixtures/bookcision/02-how-life-imitates-chess.json',
      'fixtures/bookcision/03-constructed-no-location.json',
    ]);
  });

  it('takes a book with no highlights yet, and no JSON of another shape', () => {
    const takes = (text: string, name = 'book.json'): boolean => bookcision.detect({ name, text });
    expect(takes('{"asin":"B0","title":"T","authors":"A","highlights":[]}')).toBe(true);
    expect(takes('{"asin":"B0","title":"T","authors":"A","highlights":[]}', 'book.md')).toBe(false);
    expect(takes('{"asin": "B0", "title": "T", "author": "A", "highlights": [{"text": "x", "location": 3}]}')).toBe(false);
    expect(takes('[{"asin":"B0","title":"T","authors":"A","highlights":[]}]')).toBe(false);
    expect(takes('{"theme": "dark", "title": "x"}')).toBe(false);
  });

  it('through the binary: a Readwise export stays readwise-json, a plain JSON file is refused, broken JSON is a json-syntax error', async () => {
    fs.copyFileSync('fixtures/readwise-json/02-real-kindle-book-record.json', path.join(work, 'readwise.json'));
    fs.writeFileSync(path.join(work, 'settings.json'), '{"asin": "B0", "title": "not a book"}\n');
    fs.writeFileSync(path.join(work, 'broken.json'), fs.readFileSync('fixtures/bookcision/01-blank-slate.json', 'utf8').slice(0, 600));
    const run = await runCli(['readwise.json', 'settings.json', 'broken.json', '--no-cache', '-f', 'ndjson'], { cwd: work });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).format)).toEqual(['readwise-json']);
    expect(run.stderr).toMatch(/^settings\.json {2}error {2}.*unknown-format$/m);
    expect(run.stderr).toMatch(/^broken\.json {2}error {2}the JSON could not be read: .* {2}json-syntax$/m);
  });

  it('reads a Bookcision download in a walked folder, and leaves ingest’s own output of it alone', async () => {
    const dir = folder('walked');
    fs.copyFileSync('fixtures/bookcision/01-blank-slate.json', path.join(dir, 'Kindle.Highlights_The.Blank.Slate_1531166000000.json'));
    const first = await runCli([dir, '--no-cache', '-f', 'json']);
    expect(first.exitCode).toBe(0);
    expect((JSON.parse(first.stdout) as Array<{ format: string }>).map((record) => record.format)).toEqual(['bookcision']);
    fs.writeFileSync(path.join(dir, 'out.json'), first.stdout);
    const again = await runCli([dir, '--no-cache', '-f', 'json']);
    expect((JSON.parse(again.stdout) as Array<{ format: string }>).map((record) => record.format)).toEqual(['bookcision']);
  });
});

const texts = await recordsOf('bookcision-text');
const textBook = (file: string) => texts.get(file)!;

describe('Bookcision plain text', () => {
  it('reads one book per file: title, authors, category; no ASIN in the text', () => {
    const slate = textBook('01-blank-slate.txt');
    expect([slate.format, slate.kind, slate.title, slate.authors, slate.category, slate.extra]).toEqual([
      'bookcision-text',
      'highlights',
      'The Blank Slate: The Modern Denial of Human Nature',
      ['Steven Pinker'],
      'books',
      {},
    ]);
    expect([textBook('02-how-life-imitates-chess.txt').title, textBook('02-how-life-imitates-chess.txt').authors]).toEqual([
      'How Life Imitates Chess: Making the Right Moves, from the Board to the Boardroom',
      ['Garry Kasparov'],
    ]);
    expect(textBook('03-constructed-no-location.txt').authors).toEqual(['Haruki Murakami', 'Jay Rubin', 'Philip Gabriel']);
  });

  it('reads each highlight as the JSON reader does: text, NOTE:, LOCATION: as `Location N`, a note on its own', () => {
    const slate = textBook('01-blank-slate.txt').highlights;
    expect(slate.map((highlight) => [highlight.location, highlight.url])).toEqual([
      ['Location 157', null],
      ['Location 171', null],
      ['Location 202', null],
      ['Location 1423', null],
      ['Location 1543', null],
    ]);
    expect(slate[3]!.text).toBe(
      'ultimately people crave sex in order to reproduce (because the ultimate cause of sex is reproduction), but proximately they may do everything they can not to reproduce (because the proximate cause of sex is pleasure).',
    );
    expect([slate[4]!.text, slate[4]!.note]).toEqual(['', 'RFT adds methodological and conceptual precision to this idea']);
    const chess = textBook('02-how-life-imitates-chess.txt').highlights;
    expect(chess.map((highlight) => [highlight.text, highlight.note, highlight.location])).toEqual([
      [
        'the reality is that we discard our decisions almost as soon as we make them. Too often we just live with the results and move on, repeating the same flawed process with the same flawed results.',
        null,
        'Location 157',
      ],
      ['“Why this move? What am I trying to achieve and how does this move help me achieve it?”', 'Each move or decision should contribute to some strategical objective', 'Location 447'],
    ]);
    // `LOCATION: ` with no number: no location; an entry with neither text nor note (a note-only entry whose note was lost) is not kept.
    const murakami = textBook('03-constructed-no-location.txt').highlights;
    expect(murakami.map((highlight) => [highlight.text, highlight.note, highlight.location])).toEqual([
      ['He himself was the one who most wanted to watch his own forthcoming actions from a distance.', null, null],
      ['Tengo walked to the station and bought a paper at the newsstand.', 'the cat town', 'Location 6966'],
    ]);
  });

  it('gives the text the same work as the JSON download of the book: --merge makes one record', async () => {
    const dir = folder('both');
    fs.copyFileSync('fixtures/bookcision/02-how-life-imitates-chess.json', path.join(dir, 'chess.json'));
    fs.copyFileSync('fixtures/bookcision-text/02-how-life-imitates-chess.txt', path.join(dir, 'chess.txt'));
    const run = await runCli([dir, '--merge', '--no-cache', '-f', 'json']);
    expect(run.exitCode).toBe(0);
    const records = JSON.parse(run.stdout) as Array<{ format: string; highlights: Array<{ note: string | null }>; sources: Array<{ format: string }> }>;
    expect(records.map((record) => [record.format, record.highlights.length, record.sources.map((source) => source.format).sort()])).toEqual([
      ['bookcision', 2, ['bookcision', 'bookcision-text']],
    ]);
  });

  it('--merge keeps a note-only entry once when both downloads hold it (the same note at the same place)', async () => {
    const dir = folder('both-notes');
    fs.copyFileSync('fixtures/bookcision/01-blank-slate.json', path.join(dir, 'slate.json'));
    fs.copyFileSync('fixtures/bookcision-text/01-blank-slate.txt', path.join(dir, 'slate.txt'));
    const run = await runCli([dir, '--merge', '--no-cache', '-f', 'json']);
    expect(run.exitCode).toBe(0);
    const records = JSON.parse(run.stdout) as Array<{ highlights: Array<{ text: string; note: string | null }> }>;
    expect(records).toHaveLength(1);
    expect(records[0]!.highlights).toHaveLength(5);
    expect(records[0]!.highlights.filter((highlight) => highlight.text === '')).toHaveLength(1);
  });

  it('takes its fixtures and no other file, and no plain text note', () => {
    expect(detectedBy(bookcisionText)).toEqual([
      'fixtures/bookcision-text/01-blank-slate.txt',
      'fixtures/bookcision-text/02-how-life-imitates-chess.txt',
      'fixtures/bookcision-text/03-constructed-no-location.txt',
    ]);
    const takes = (text: string, name = 'book.txt'): boolean => bookcisionText.detect({ name, text });
    expect(takes('T\nA\n\nx\nLOCATION: 3\n')).toBe(true);
    expect(takes('T\nA\n\nx\nLOCATION: 3\n', 'book.md')).toBe(false);
    // Text after the last LOCATION line, no empty line before an entry, no empty third line.
    expect(takes('T\nA\n\nx\nLOCATION: 3\nmore words\n')).toBe(false);
    expect(takes('T\nA\n\nx\nLOCATION: 3\ny\nLOCATION: 4\n')).toBe(false);
    expect(takes('T\nA\nx\nLOCATION: 3\n')).toBe(false);
    expect(takes('Shopping\nmilk\n\neggs\n')).toBe(false);
  });

  it('through the binary: a folder of text downloads gives one record per book with every highlight', async () => {
    const dir = folder('texts');
    for (const file of fs.readdirSync('fixtures/bookcision-text').filter((name) => name.endsWith('.txt'))) fs.copyFileSync(path.join('fixtures/bookcision-text', file), path.join(dir, file));
    const run = await runCli([dir, '--no-cache', '-f', 'json']);
    expect(run.exitCode).toBe(0);
    const records = JSON.parse(run.stdout) as Array<{ format: string; title: string; highlights: unknown[] }>;
    expect(records.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['bookcision-text', 'The Blank Slate: The Modern Denial of Human Nature', 5],
      ['bookcision-text', 'How Life Imitates Chess: Making the Right Moves, from the Board to the Boardroom', 2],
      ['bookcision-text', '1Q84', 2],
    ]);
  });
});
