/**
 * Kindle `My Clippings.txt`: real excerpts in nine locales
 * (fixtures/kindle-locales) and cases derived from them (fixtures/kindle-cases).
 * The counts were checked by hand against each excerpt; where ingest's rules
 * give another number than a plain count of clippings, the test says why.
 */
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../src/schema.js';
import { records } from './helpers.js';

const locales = await records(['fixtures/kindle-locales'], { exclude: ['SOURCES.md'] });
const sample = (prefix: string): IngestRecord[] => locales.filter((record) => record.source.path.split('/').pop()!.startsWith(prefix));
const summary = (list: IngestRecord[]) => list.map((record) => [record.title, record.authors, record.highlights.length, record.extra['bookmarks']]);

describe('Kindle clippings in every locale', () => {
  it('are all read as one highlights record per book', () => {
    expect(locales.every((record) => record.format === 'kindle-clippings' && record.kind === 'highlights' && record.category === 'books')).toBe(true);
    expect(locales.flatMap((record) => record.diagnostics).filter((diagnostic) => diagnostic.rule === 'kindle-header')).toEqual([]);
  });
  it('English, 12 h clock: notes attach to the highlight whose range holds them; an edited note replaces the one it extends', () => {
    const [body] = sample('01-');
    expect(body!.authors).toEqual(['Navarro, Joe', 'Karlins, Marvin']);
    expect(body!.highlights).toHaveLength(19);
    expect(body!.extra['bookmarks']).toBe(1);
    // Notes at lines 7 and 17 (Location 683), the second holding the first, both before their highlight.
    expect(body!.highlights.filter((highlight) => highlight.note !== null)).toHaveLength(1);
    expect(summary(sample('01-')).slice(1)).toEqual([
      ['Secrets of the JavaScript Ninja', ['John Resig Bear Bibeault'], 0, 1],
      ['Unit Testing Succinctly', ['Marc Clifton'], 1, 0],
      ['Instapaper: Friday, Mar. 7th', ['Instapaper'], 2, 0],
    ]);
  });
  it('English, page and location, 24 h: five clippings of one passage are one highlight, the later kept', () => {
    const [book] = sample('02-');
    // 15 highlight clippings: 32/37/42/47/52 are one passage at 342-343, 92/97 one at 394-397.
    expect(book!.highlights).toHaveLength(10);
    expect(book!.highlights.filter((highlight) => highlight.note !== null)).toHaveLength(10);
    expect(book!.highlights[0]).toMatchObject({ location: 'Location 245-246', page: '3', highlightedAt: '2021-09-01T22:50:00' });
    // Two different highlights on page 12 (358-360 and 361) stay two.
    expect(book!.highlights.filter((highlight) => highlight.page === '12')).toHaveLength(2);
    expect(book!.diagnostics.filter((diagnostic) => diagnostic.rule === 'kindle-duplicate').map((diagnostic) => diagnostic.line)).toEqual([37, 42, 47, 52, 97]);
  });
  it('English old firmware: abbreviated ranges and clocks without seconds', () => {
    const highlights = sample('04-').flatMap((record) => record.highlights);
    expect(highlights.some((highlight) => highlight.location === 'Location 6672-6673')).toBe(true);
    expect(highlights.every((highlight) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/.test(highlight.highlightedAt!))).toBe(true);
  });
  it('Chinese old and new firmware in one file; a note whose highlight has no text keeps that highlight', () => {
    const list = sample('05-');
    expect(summary(list)).toEqual([
      ['Ni Cai Zai Shi Ji De Zhuan Zhe Dian Shang - Zhou Guo Ping', [], 0, 3],
      ['知乎周刊·读书这件小事', ['知乎'], 2, 0],
      ['《科学松鼠会-Kindle精选》第1期（2013年5月）', ['科学松鼠会'], 1, 0],
      ['《科学松鼠会-Kindle精选》第3期（2013年7月）', ['科学松鼠会'], 2, 0],
      ['知乎周刊·耳膜战争', ['知乎'], 1, 0],
      ['知乎周刊·枯燥无味的心理学', ['知乎'], 3, 0],
    ]);
    const empty = list[5]!.highlights.find((highlight) => highlight.text === '')!;
    expect(empty).toMatchObject({ location: 'Location 444-446', note: expect.any(String) });
    expect(list.flatMap((record) => record.highlights).find((highlight) => highlight.highlightedAt === '2013-12-24T21:10:24')).toBeTruthy();
  });
  it('Chinese with pages: highlights with no text and no note are skipped with a warning', () => {
    const rabbit = sample('07-').find((record) => record.title === 'RabbitMQ实战指南 (朱忠华) (Z-Library)')!;
    // 21 highlight clippings less the 3 without text.
    expect(rabbit.highlights).toHaveLength(18);
    expect(rabbit.diagnostics.filter((diagnostic) => diagnostic.rule === 'empty-clipping')).toHaveLength(3);
    expect(sample('07-').flatMap((record) => record.highlights).find((highlight) => highlight.location === 'Location 225-226')!.page).toBe('15');
  });
  it('Japanese: clipping-limit messages are no highlights, and text cut off at the limit loses the message', () => {
    const [nature, parents] = sample('08-');
    expect(nature!.title).toBe('NATURE FIX\u3000自然が最高の脳をつくる\u3000最新科学でわかった創造性と幸福感の高め方');
    // 12 highlight clippings: 4 hold only the message, 1 repeats another exactly.
    expect(parents!.highlights).toHaveLength(7);
    const limits = parents!.diagnostics.filter((diagnostic) => diagnostic.rule === 'clipping-limit');
    expect(limits.map((diagnostic) => diagnostic.line)).toEqual([67, 72, 77, 82, 87]);
    expect(parents!.highlights.some((highlight) => /上限/.test(highlight.text))).toBe(false);
  });
  it('Russian: en dashes, Место and the page form', () => {
    const list = sample('09-');
    const ownership = list.find((record) => record.title!.startsWith('Extreme Ownership'))!;
    expect(ownership.authors).toEqual(['Willink, Jocko', 'Babin, Leif']);
    // 193–196 is replaced by its later 193–194; 195–195 does not overlap 193–194 and stays.
    expect(ownership.highlights.map((highlight) => highlight.location)).toEqual([
      'Location 105-105',
      'Location 193-194',
      'Location 151-156',
      'Location 195-195',
      'Location 299-299',
    ]);
    expect(ownership.extra['bookmarks']).toBe(1);
  });
  it('Portuguese, Spanish, German, French and Dutch headers', () => {
    expect(sample('12-').flatMap((record) => record.highlights).some((highlight) => highlight.page === '17' && highlight.location === null)).toBe(true);
    expect(sample('13-').every((record) => record.highlights.every((highlight) => highlight.highlightedAt !== null))).toBe(true);
    expect(summary(sample('15-'))).toEqual([['La Servante ecarlate -- Atwood, Margaret -- Robert Laffont -- 35a59d26b2cf8c196608b71ea95f0b40 -- Anna’s Archive', ['Atwood, Margaret'], 1, 0]]);
    expect(sample('16-')[0]!.highlights[0]).toMatchObject({ location: 'Location 1293-1295', page: '79', highlightedAt: '2022-08-30T19:46:26' });
  });
  it('German: a nested group is the author; two half highlights and their whole are one', () => {
    const [book] = sample('17-');
    expect([book!.title, book!.authors]).toEqual(['Robert C. Martin', ['Clean Code A Handbook of Agile Software Craftsmanship-Prentice Hall (2008)']]);
    // 27 highlight clippings, 7 of them repeated or extended by later ones.
    expect(book!.highlights).toHaveLength(20);
  });
  it('PDFs have pages and no locations', () => {
    const pdf = sample('18-').find((record) => record.title!.startsWith('Principles.of.Corporate.Finance'))!;
    expect(pdf.highlights[0]).toMatchObject({ location: null, page: '22-22' });
  });
});

describe('Kindle cases', async () => {
  const cases = await records(['fixtures/kindle-cases'], { exclude: ['SOURCES.md'] });
  const named = (name: string): IngestRecord[] => cases.filter((record) => record.source.path.endsWith(`/${name}`));
  const lf = await records(['fixtures/kindle-locales/03-en-page-location-24h-mattiasalve.txt']);
  const content = (list: IngestRecord[]) => list.map(({ title, authors, highlights, extra, diagnostics }) => ({ title, authors, highlights, extra, diagnostics }));

  it('reads CRLF with a BOM before every clipping (Kindle Touch) and lone CR as it reads LF', () => {
    expect(content(named('touch-crlf-bom-per-clipping.txt'))).toEqual(content(lf));
    expect(content(named('mac-cr.txt'))).toEqual(content(lf));
  });
  it('keeps a ========== line inside a text as text', () => {
    const [voyage] = named('separator-in-text.txt');
    expect(voyage!.highlights.map((highlight) => highlight.text)).toEqual(['размер шрифта, гарнитуру шрифта,\n==========\nмежстрочный интервал и поля.']);
    expect(voyage!.extra['bookmarks']).toBe(1);
  });
  it('keeps a note with no highlight to attach to as an entry of its own', () => {
    const [voyage, shores] = named('orphan-note.txt');
    expect(voyage!.highlights).toMatchObject([
      { text: '', markdown: '', url: null, id: null, location: 'Location 640', page: null, color: null, tags: [], note: 'этотгадо апмнить', highlightedAt: '2015-03-16T21:46:06' },
    ]);
    expect(shores!.highlights[0]!.note).toBe('дл тодора');
  });
  it('keeps the text of a clipping whose header it cannot read, without a date, and says where', () => {
    const [book] = named('unknown-header.txt');
    expect(book!.highlights.map((highlight) => [highlight.text, highlight.highlightedAt])).toEqual([
      ['An Easy Way to Become a Good Conversationalist', '2022-08-30T19:46:26'],
      ['Be a good listener.', null],
    ]);
    expect(book!.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', rule: 'kindle-header', line: 7, column: 1 })]);
  });
  it('reads the real clippings quoted in another parser\'s tests: Italian, full-width authors, Roman and PDF pages', () => {
    const list = named('parser-test-blocks.txt');
    const byTitle = new Map(list.map((record) => [record.title, record]));
    expect(byTitle.get('Your Money or Your Life')!.highlights[0]).toMatchObject({ location: 'Location 453-454', highlightedAt: '2021-03-08T22:52:57' });
    expect(byTitle.get('Your P2K Articles (2021-04-02)')!.authors).toEqual(['P2K']);
    expect(byTitle.get('非オタの彼女が俺の持ってるエロゲに興味津々なんだが……')!.authors).toEqual(['滝沢\u3000慧', '睦茸']);
    expect(byTitle.get('Ｃｈａｏｓ；Ｃｈｉｌｄ\u3000－Ｃｈｉｌｄｒｅｎ’ｓ\u3000Ｒｅｖｉｖｅ－ (講談社ラノベ文庫)')!.authors).toHaveLength(3);
    expect(byTitle.get('The Effective Manager')!.highlights[0]!.page).toBe('ix');
    expect(byTitle.get('The Effective Manager')!.extra['bookmarks']).toBe(1);
    expect(byTitle.get("The Bogleheads' Guide to Investing - Taylor Larimore.pdf")!.highlights[0]).toMatchObject({ page: 'xvi-xvi', location: null });
    expect(byTitle.get('Outliers')!.highlights).toEqual([expect.objectContaining({ text: '', note: 'Airplane Accidents - also how software projects go wrong' })]);
    expect(byTitle.get('Using Fragments in Android')!.highlights[0]!.note).toBe('Improved interface implementation check.');
  });
  it('gives no highlight for a clipping-limit message, with a warning naming the book and location', () => {
    const [crowds, rabbit] = named('clipping-limits.txt');
    expect(crowds!.highlights).toEqual([]);
    expect(crowds!.diagnostics[0]!.message).toMatch(/^"The Madness of Crowds" Location 175-178: Kindle stored "<You have reached the clipping limit for this item>"/);
    expect(rabbit!.highlights).toHaveLength(1);
    expect(rabbit!.diagnostics[0]).toMatchObject({ rule: 'clipping-limit', line: 7 });
  });
  it('keeps a book\'s id when clippings are appended, and gives each book its own', async () => {
    const ids = lf.map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    const { processFile } = await import('../src/process.js');
    const { SourceFile } = await import('../src/source-file.js');
    const fs = await import('node:fs');
    const text = fs.readFileSync('fixtures/kindle-locales/03-en-page-location-24h-mattiasalve.txt', 'utf8');
    const grown = `${text}New Book (New Author)\n- Your Highlight on page 1 | location 1-2 | Added on Monday, 4 September 2023 10:00:00\n\nNew text.\n==========\n`;
    const before = processFile(new SourceFile({ path: 'clippings.txt', bytes: Buffer.from(text) })).map((outcome) => outcome.record!.id);
    const after = processFile(new SourceFile({ path: 'clippings.txt', bytes: Buffer.from(grown) })).map((outcome) => outcome.record!.id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
  });
});
