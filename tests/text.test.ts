/**
 * Plain-text articles and web clippings (issue #4): title, byline, date,
 * site and clean text, on each form the fixtures state.
 */
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../src/schema.js';
import { recordsByName as byName, runCli } from './helpers.js';

const fields = (record: IngestRecord) => ({
  title: record.title,
  authors: record.authors,
  published: record.published,
  site: record.site,
});

describe('bylines and dates', async () => {
  const docs = await byName('text-bylines');
  const cases: Array<[string, ReturnType<typeof fields>]> = [
    ['by-one.txt', { title: 'Livestream Shopping Comes of Age', authors: ['Jane Doe'], published: null, site: 'Retail Brew' }],
    ['by-two.txt', { title: 'Why Marketplaces Win the Holiday Season', authors: ['Jane Doe', 'John Smith'], published: null, site: 'Modern Retail' }],
    ['by-dot-date.txt', { title: 'Sellers Flock to Social Commerce', authors: ['Belal Awad'], published: '2023-07-31', site: 'Light Wave' }],
    ['written-published.txt', { title: 'Cross-Border Sellers Face New Rules', authors: ['Zhang Rao'], published: '2024-03-03', site: 'KrASIA' }],
    ['name-pipe-date.txt', { title: 'Checkout Buttons Are Everywhere Now', authors: ['Maria Lopez'], published: '2024-03-03', site: 'The Verge' }],
    ['date-lines.txt', { title: 'Returns Are the New Battleground', authors: ['Kenji Watanabe'], published: '2023-07-31', site: 'Retail Dive' }],
    ['date-alone-numeric.txt', { title: 'The Creator Economy Grows Up', authors: [], published: '2023-07-31', site: 'Glossy' }],
    ['ambiguous-date.txt', { title: 'A Date That Could Be Either', authors: [], published: null, site: 'Glossy' }],
    ['unambiguous-slash-date.txt', { title: 'A Date That Can Only Be One', authors: [], published: '2023-07-31', site: 'Glossy' }],
    ['credit-line.txt', { title: 'Platforms Bet on Southeast Asia', authors: ['Priya Nair'], published: null, site: 'Asia Tech Daily' }],
    ['title-dash-site.txt', { title: 'Marketplace Fees Rise Again', authors: ['Tom Becker'], published: null, site: 'Retail Dive' }],
  ];
  for (const [name, expected] of cases) {
    it(name, () => {
      const record = docs.get(name)!;
      expect(record.kind).toBe('text');
      expect(fields(record)).toEqual(expected);
      // Masthead, title and byline are fields, not text: the text is the article.
      expect(record.text.split('\n\n')[0]).toMatch(/^[A-Z].{40,}[.]$/);
    });
  }
});

describe('chrome', async () => {
  const docs = await byName('text-chrome');
  const record = docs.get('chrome.txt')!;

  it('reads the headline and byline under menus and section labels', () => {
    expect(fields(record)).toEqual({ title: 'Brands Rethink Their Holiday Budgets', authors: ['Lena Fischer'], published: '2023-12-01', site: null });
  });
  it('removes menus, Share, Advertisement, Also read, newsletter and cookie lines, photo credits and loaders', () => {
    expect(record.text).toBe(
      [
        'Brands are shifting holiday budgets from television to creators and short video, executives said.',
        'In brief…',
        '• Budgets are moving to creators\n• Television spend is falling',
        'The Shift to Short Video',
        'Short video now takes the largest share of new spending, ahead of search and display advertising.',
        'A shopper browses a livestream on her phone.',
      ].join('\n\n'),
    );
  });
  it('never promotes the first sentence to a title; headings stay paragraphs', () => {
    const untitled = docs.get('no-title.txt')!;
    expect(untitled.title).toBeNull();
    expect(untitled.text.split('\n\n')).toEqual([
      'This clipping starts with a paragraph, so it has no title and its first sentence must not become one.',
      'A Heading In The Middle',
      'More text follows the heading and stays a paragraph of its own in the text.',
    ]);
  });
});

describe('encodings', async () => {
  const docs = await byName('text-encodings');
  it('decodes text that is not UTF-8 as Windows-1252, with a warning at the first bad byte', () => {
    const record = docs.get('latin1.txt')!;
    expect(record.title).toBe('Le Café du Commerce');
    expect(record.text).toBe('The café’s owners said “business is good” — and prices rose by 5% this year.');
    expect(record.diagnostics).toMatchObject([{ severity: 'warning', rule: 'not-utf8', line: 1, column: 7 }]);
  });
  it('drops a BOM and turns CRLF and lone CR into LF', () => {
    expect(fields(docs.get('bom-crlf.txt')!)).toEqual({ title: 'CRLF Lines Become LF', authors: ['Amara Okafor'], published: null, site: 'Glossy' });
    expect(docs.get('bom-crlf.txt')!.text).not.toMatch(/[\r\ufeff]/);
    expect(fields(docs.get('lone-cr.txt')!)).toEqual({ title: 'Old Mac Files', authors: ['Tom Becker'], published: null, site: null });
  });
});

describe('web clipper notes', async () => {
  const record = (await byName('markdown-web-clipper')).get('How I use Obsidian.md')!;
  it('takes the title from the file name the clipper gave, the rest from its frontmatter', () => {
    expect(record.kind).toBe('markdown');
    expect(record.title).toBe('How I use Obsidian');
    expect(record.authors).toEqual(['Steph Ango']);
    expect(record.url).toBe('https://stephango.com/vault');
    expect(record.site).toBe('stephango.com');
    expect(record.summary).toBe('My personal Obsidian vault template.');
    expect(record.published).toBeNull();
    expect(record.text.startsWith('I use Obsidian to think')).toBe(true);
  });
});

describe('a subtitle between headline and byline (through the binary)', () => {
  it('keeps the byline and the date under it, and the subtitle as the summary', async () => {
    const run = await runCli(['fixtures/text-bylines/input.txt', '-f', 'ndjson', '--no-cache']);
    const record = run.stdout.trim().split('\n').map((line) => JSON.parse(line)).find((one) => one.source.bundle?.name === 'dek-under-headline.txt');
    expect([record.title, record.authors, record.published, record.summary]).toEqual([
      'The Quiet Return of the Paper Notebook',
      ['Priya Raman'],
      '2024-03-03',
      'Students who take notes by hand remember more of the lecture, and a new study says why.',
    ]);
    expect(record.text).not.toMatch(/March 3, 2024|By Priya/);
  });
});
