/**
 * KOReader's exports (fixtures/koreader-json, koreader-markdown and
 * koreader-html; see each SOURCES.md): the facts below were written by hand
 * from the files (the JSON exports' values; the Markdown and HTML files were
 * rendered by KOReader's own templates from those values) before
 * expected.json was generated. And what the readers do not take.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { koreaderHtml } from '../src/formats/koreader/export-html.js';
import { koreaderJson } from '../src/formats/koreader/export-json.js';
import { koreaderMarkdown } from '../src/formats/koreader/export-markdown.js';
import { exportNote } from '../src/formats/koreader/export-book.js';
import type { IngestRecord } from '../src/index.js';
import { detectedBy, records, runCli, scratch } from './helpers.js';

const { folder } = scratch('koreader-exports');
const all = await records(['fixtures/koreader-json', 'fixtures/koreader-markdown', 'fixtures/koreader-html'], { exclude: ['SOURCES.md'] });
const of = (file: string): IngestRecord[] => all.filter((record) => record.source.path.endsWith(`/${file}`));
const row = (record: IngestRecord) => record.highlights.map((h) => [h.text, h.note, h.location, h.page, h.color, h.highlightedAt]);
const books = (file: string) => of(file).map((record) => [record.title, record.authors, record.highlights.length]);

const LEGEND_98 =
  'after a half week of drinking, disgust, and desultory investigation, that he was wasting his time. Isolated experiments were yielding nothing, that was clear. If there was a rational answer to the problem (and he had to believe that there was), he could only find it by careful research.\nTentatively, for want of better knowledge, he had set up a possible basis, and that was blood. It provided, at least, a starting point. Step number one, then, was reading about blood.';
const LEGEND_102 =
  'the street.\n“Policeman!” he found himself calling. “Oh, policeman!”\nHe laughed for a mile without stopping, wondering just what was so funny about it.\nHe put down the book. He’d been reading again about the lymphatic system. He vaguely remembered reading about it months before';
const FOSTER_2 = 'while in the distance. I wish I was out there, working. I am unused to sitting still and do not know what to do with my hands. Part of me wants my father to leave me here while';
const COMMUNICATION = '可复制的沟通力：樊登的10堂表达课';

describe('KOReader JSON export', () => {
  it('gives one record per book of an all-books export, every highlight, and one for a one-book export', () => {
    expect(books('2024-05-02-02-34-03-all-books.json')).toEqual([
      ['Cloud Atlas', ['David Mitchell'], 2],
      [COMMUNICATION, ['樊登'], 18],
      ['I Am Legend', ['Richard Matheson'], 3],
      ['Dear John', ['Nicholas Sparks'], 2],
      ['Foster', ['Claire Keegan'], 3],
    ]);
    expect(books('2024-05-01-00-42-39-all-books.json')).toEqual([
      ['Foster', ['Claire Keegan'], 3],
      ['I Am Legend', ['Richard Matheson'], 3],
      ['Dear John', ['Nicholas Sparks'], 2],
    ]);
    expect(books('2024-01-05-21-10-44-Frankenstein.json')).toEqual([['Frankenstein', ['Mary Shelley'], 4]]);
    for (const record of of('2024-05-02-02-34-03-all-books.json')) expect([record.format, record.kind, record.category]).toEqual(['koreader-json', 'highlights', 'books']);
  });

  it('reads text, note, chapter, page, colour and the epoch time as UTC', () => {
    const legend = of('2024-05-02-02-34-03-all-books.json')[2]!;
    expect(row(legend)).toEqual([
      [LEGEND_98, 'thid is roberts tettment', 'Chapter Ten', '98', null, '2024-04-30T01:34:16Z'],
      // Its note was KOReader's automatic bookmark text, `第 101 頁 to @ 2024-04-30 11:35:01`: no note.
      ['to', null, 'Chapter Ten', '101', null, '2024-04-30T01:35:01Z'],
      [LEGEND_102, null, 'Chapter Ten', '102', null, '2024-04-30T01:35:36Z'],
    ]);
    expect(legend.extra['file']).toBe('/storage/emulated/0/Books/PushBooks/I Am Legend_9780765357151.epub');
    const communication = of('2024-05-02-02-34-03-all-books.json')[1]!.highlights;
    expect(communication.slice(0, 4).map((h) => h.note)).toEqual([null, null, null, null]);
    expect(communication[4]!.note).toBe('same goal. but one put in a way that redpect the other perdon');
    expect(communication[11]!.note).toBe('- straight to the point\n- no other excude or reason\n- also reflects respecting of both side');
    expect([communication[17]!.text, communication[17]!.location, communication[17]!.page]).toEqual(['沟通的本质是尊重与合作', '第二章 沟通的本质是尊重与合作', '54']);
    const dear = of('2024-05-01-00-42-39-all-books.json')[2]!;
    expect(dear.highlights.map((h) => [h.note, h.location, h.page, h.highlightedAt])).toEqual([
      ['anotyer test', 'Ten', '194', '2024-04-30T01:17:28Z'],
      ['tedt john', 'Fourteen', '273', '2024-04-30T01:13:54Z'],
    ]);
    const frankenstein = of('2024-01-05-21-10-44-Frankenstein.json')[0]!;
    expect(frankenstein.extra).toMatchObject({ pages: 310, file: '/storage/emulated/0/Books/pg42324.epub' });
    expect(row(frankenstein)[2]).toEqual([
      'The sun might shine, or the clouds might lower: but nothing could appear to me as it had done the day before.',
      'Sample note without highlight',
      'Chapter XXIII',
      '265',
      'yellow',
      '2023-12-19T11:54:26Z',
    ]);
  });
});

describe('KOReader Markdown export', () => {
  it('gives one record per book, in each version of the exporter', () => {
    expect(books('v2025-all-books.md')).toEqual([
      ['Foster', ['Claire Keegan'], 3],
      ['I Am Legend', ['Richard Matheson'], 3],
      ['Dear John', ['Nicholas Sparks'], 2],
    ]);
    // 2024–2025: the second book's `# ` is glued to the first book's last highlight.
    expect(books('v2024-all-books.md')).toEqual([
      ['Cloud Atlas', ['David Mitchell'], 2],
      [COMMUNICATION, ['樊登'], 6],
    ]);
    expect(books('v2022-two-books.md')).toEqual([
      ['Dear John', ['Nicholas Sparks'], 2],
      ['I Am Legend', ['Richard Matheson'], 3],
    ]);
    for (const record of of('v2025-all-books.md')) expect([record.format, record.category]).toEqual(['koreader-markdown', 'books']);
  });

  it('reads the text without its style, the note after ---, the chapter, the page and the local time as written', () => {
    const [foster, legend] = of('v2025-all-books.md');
    expect(row(foster!)).toEqual([
      ['the', '1346yfeufuƒťûgdjgfifʈ', '1', '10', null, '2024-05-01T00:16:06'],
      [FOSTER_2, 'fûififo$kdfk zꜹm df', '1', '10', null, '2024-05-01T00:16:39'],
      [
        'reaching my chair. Kinsella gets up and takes a stack of plates from the cupboard, opens a drawer and takes out knives and forks, teaspoons. He takes the lid off a jar of beetroot and',
        'ƒh$lgʝhrxnzezųdwaʎlm',
        '1',
        '10',
        null,
        '2024-05-01T00:16:51',
      ],
    ]);
    expect(row(legend!)).toEqual([
      [LEGEND_98, 'thid is roberts tettment', 'Chapter Ten', '98', null, '2024-04-30T11:34:16'],
      ['to', null, 'Chapter Ten', '101', null, '2024-04-30T11:35:01'],
      [LEGEND_102, null, 'Chapter Ten', '102', null, '2024-04-30T11:35:36'],
    ]);
    const [atlas, communication] = of('v2024-all-books.md');
    expect(atlas!.highlights[1]!.text).toMatch(/^shall roar, ‘or grant me satisfaction!’ .* The twittering$/);
    expect(communication!.highlights.map((h) => [h.page, h.note])).toEqual([
      ['5', null],
      ['6', null],
      ['6', null],
      ['10', null],
      ['13', 'same goal. but one put in a way that redpect the other perdon'],
      ['15', null],
    ]);
    // Before 2023: minutes, no seconds; and the automatic bookmark text is no note here either.
    const [dear, legend2022] = of('v2022-two-books.md');
    expect(dear!.highlights.map((h) => [h.location, h.highlightedAt, h.note])).toEqual([
      ['Ten', '2024-04-30T11:17:00', 'anotyer test'],
      ['Fourteen', '2024-04-30T11:13:00', 'tedt john'],
    ]);
    expect(legend2022!.highlights[1]).toMatchObject({ text: 'to', note: null, page: '101' });
  });
});

describe('KOReader HTML export', () => {
  it('gives one record per book of the page', () => {
    expect(books('v2023-all-books.html')).toEqual([
      ['Foster', ['Claire Keegan'], 3],
      ['Dear John', ['Nicholas Sparks'], 2],
    ]);
    expect(books('v2023-one-book.html')).toEqual([[COMMUNICATION, ['樊登'], 5]]);
    expect(books('evernote-2020-I Am Legend.html')).toEqual([['I Am Legend', ['Richard Matheson'], 3]]);
    for (const record of of('v2023-all-books.html')) expect([record.format, record.category]).toEqual(['koreader-html', 'books']);
  });

  it('reads text (<br/> a line break), note, chapter, page and the %x date', () => {
    const [foster, dear] = of('v2023-all-books.html');
    expect(row(foster!)[1]).toEqual([FOSTER_2, 'fûififo$kdfk zꜹm df', '1', '10', null, '2024-05-01']);
    expect(row(dear!)).toEqual([
      [
        'still angry at myself and what I’d done to Tim—not so much the others, I admit—and angry at Savannah for what had happened on the pier.\nI could barely remember how it had started. One minute I was thinking that I loved her more than I’d ever imagined possible, and the next minute we were fighting. I was outraged by her subterfuge yet couldn’t understand why I was this angry',
        'anotyer test',
        'Ten',
        '194',
        null,
        '2024-04-30',
      ],
      [
        'about coins—we were alone as much as possible. Back in Chapel Hill, once Savannah was finished with her classes for the day, our afternoons and evenings were spent together. We walked through the stores along Franklin Street, went to the North Carolina Museum of History in Raleigh, and even spent a couple of hours at the North Carolina Zoo. On my second to last evening in town, we went to dinner at the fancy restaurant the shoe salesman',
        'tedt john',
        'Fourteen',
        '273',
        null,
        '2024-04-30',
      ],
    ]);
    const communication = of('v2023-one-book.html')[0]!;
    expect(communication.highlights.map((h) => [h.location, h.page, h.note])).toEqual([
      ['自序 每个人都能成为高效沟通者', '5', null],
      ['自序 每个人都能成为高效沟通者', '6', null],
      ['自序 每个人都能成为高效沟通者', '6', null],
      ['沟通力为什么如此重要', '10', null],
      ['沟通力为什么如此重要', '13', 'same goal. but one put in a way that redpect the other perdon'],
    ]);
    // The Evernote plugin's page (2020): one book, its text with raw line breaks, no notes.
    expect(row(of('evernote-2020-I Am Legend.html')[0]!)).toEqual([
      [LEGEND_98, null, 'Chapter Ten', '98', null, '2024-04-30'],
      ['to', null, 'Chapter Ten', '101', null, '2024-04-30'],
      [LEGEND_102, null, 'Chapter Ten', '102', null, '2024-04-30'],
    ]);
  });
});

describe('KOReader exports through the binary', () => {
  it('a folder with an all-books JSON export gives one record per book with every highlight', async () => {
    const dir = folder('exports');
    fs.copyFileSync('fixtures/koreader-json/2024-05-02-02-34-03-all-books.json', path.join(dir, '2024-05-02-02-34-03-all-books.json'));
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"entries": [1, 2], "theme": "dark"}\n');
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const got = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as IngestRecord);
    expect(got.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['koreader-json', 'Cloud Atlas', 2],
      ['koreader-json', COMMUNICATION, 18],
      ['koreader-json', 'I Am Legend', 3],
      ['koreader-json', 'Dear John', 2],
      ['koreader-json', 'Foster', 3],
    ]);
  });

  it('--merge joins a book of the JSON export and its .sdr sidecar into one work', async () => {
    const dir = folder('merge');
    fs.mkdirSync(path.join(dir, 'pg42324.sdr'));
    fs.copyFileSync('fixtures/koreader/pg42324.sdr/metadata.epub.lua', path.join(dir, 'pg42324.sdr', 'metadata.epub.lua'));
    fs.copyFileSync('fixtures/koreader-json/2024-01-05-21-10-44-Frankenstein.json', path.join(dir, 'Frankenstein.json'));
    fs.copyFileSync('fixtures/koreader-markdown/v2025-all-books.md', path.join(dir, 'all-books.md'));
    const run = await runCli([dir, '--no-cache', '--merge', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const got = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as IngestRecord);
    const frankenstein = got.filter((record) => record.title === 'Frankenstein');
    expect(frankenstein).toHaveLength(1);
    expect(frankenstein[0]!.sources.map((source) => source.format).sort()).toEqual(['koreader', 'koreader-json']);
    expect(frankenstein[0]!.highlights).toHaveLength(4);
    expect(got.map((record) => record.title).sort()).toEqual(['Dear John', 'Foster', 'Frankenstein', 'I Am Legend']);
  });
});

describe('what the KOReader export readers take', () => {
  it('each takes its own fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(koreaderJson)).toEqual([
      'fixtures/koreader-json/2024-01-05-21-10-44-Frankenstein.json',
      'fixtures/koreader-json/2024-05-01-00-42-39-all-books.json',
      'fixtures/koreader-json/2024-05-02-02-34-03-all-books.json',
    ]);
    expect(detectedBy(koreaderMarkdown)).toEqual(['fixtures/koreader-markdown/v2022-two-books.md', 'fixtures/koreader-markdown/v2024-all-books.md', 'fixtures/koreader-markdown/v2025-all-books.md']);
    expect(detectedBy(koreaderHtml)).toEqual([
      'fixtures/koreader-html/evernote-2020-I Am Legend.html',
      'fixtures/koreader-html/v2023-all-books.html',
      'fixtures/koreader-html/v2023-one-book.html',
    ]);
  });

  it('takes the exporter’s JSON shape only', () => {
    const takes = (text: string, name = 'export.json'): boolean => koreaderJson.detect({ name, text });
    expect(takes('{"title": "T", "entries": [{"sort": "highlight", "text": "x", "time": 1}], "version": "json/1.0.0"}')).toBe(true);
    expect(takes('{"created_on": 1, "version": "json/1.0.0", "documents": [{"title": "T", "entries": []}]}')).toBe(true);
    // The same text under another name, or JSON that only has an `entries` list.
    expect(takes('{"title": "T", "entries": [{"sort": "highlight"}]}', 'export.md')).toBe(false);
    expect(takes('{"entries": [{"text": "x"}], "version": "2"}')).toBe(false);
    expect(takes('[{"url": "https://a.example", "title": "A", "highlights": [{"quote": "q", "created_at": 1}]}]')).toBe(false);
    expect(takes('{"note": "\\"entries\\": [ and \\"sort\\": \\"highlight\\""}')).toBe(false);
  });

  it('takes the exporter’s Markdown shape only: a plain note with headings is not one', () => {
    const takes = (text: string, name = 'note.md'): boolean => koreaderMarkdown.detect({ name, text });
    expect(takes('# T\n##### A\n\n## C\n### Page 3 @ 09 September 2023 04:50:12 PM\n*x*\n')).toBe(true);
    expect(takes('# T\n##### A\n\n### Page 3 @ 09 September 2023 04:50 PM\nx\n')).toBe(true);
    expect(takes('# Meeting\n##### Tuesday\n\n### Page 3\nnotes\n')).toBe(false);
    expect(takes('# T\n\n##### A\n### Page 3 @ 09 September 2023 04:50:12 PM\nx\n')).toBe(false);
    // A Templater note made from the JSON export (`### Page: 22 (3.87%) @ 12 Aug 2024 …`) is not KOReader's.
    expect(takes('# T\n##### A\n\n## C\n\n### Page: 22 (3.87%) @ 12 Aug 2024 06:09:42 PM\n\nx\n')).toBe(false);
    expect(takes('# T\n##### A\n\n### Page 3 @ 09 September 2023 04:50:12 PM\nx\n', 'note.json')).toBe(false);
  });

  it('takes the exporter’s HTML template only', () => {
    const page = fs.readFileSync('fixtures/koreader-html/v2023-one-book.html', 'utf8');
    expect(koreaderHtml.detect({ name: 'a.html', text: page })).toBe(true);
    expect(koreaderHtml.detect({ name: 'a.md', text: page })).toBe(false);
    expect(koreaderHtml.detect({ name: 'a.html', text: '<h2 style="font-size:18pt; text-align:right;">Title</h2><p>text</p>' })).toBe(false);
  });

  it('drops KOReader’s automatic bookmark text as a note, in any language, and keeps real notes', () => {
    expect(exportNote('第 101 頁 to @ 2024-04-30 11:35:01', 'to')).toBeNull();
    expect(exportNote('Page 12 A quote. @ 2023-01-02 03:04:05', 'A quote.')).toBeNull();
    expect(exportNote('This contradicts page 4 @ 2023-01-02 03:04:05', 'A quote.')).toBe('This contradicts page 4 @ 2023-01-02 03:04:05');
    expect(exportNote('  my note ', 'A quote.')).toBe('my note');
  });
});
