/**
 * Notes of the Obsidian Kindle plugin (hadynz/obsidian-kindle-plugin): six
 * real notes from four vaults in fixtures/kindle-plugin, checked by hand
 * against the collector's facts (docs/facts/kindle-plugin),
 * and notes written here from the plugin's older templates.
 *
 * Where ingest differs from the facts files on purpose:
 * - 06's title has two spaces before `(Z-Library)` in kindle-sync.title;
 *   normalize folds runs of white space in every title to one.
 */
import { describe, expect, it } from 'vitest';
import { kindlePlugin, splitAuthors } from '../src/formats/kindle/plugin.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, records } from './helpers.js';

/** Reads a note given under a vault's file name. */
const read = async (name: string, text: string): Promise<IngestRecord> => readNote(name, text);

const fixture = await records(['fixtures/kindle-plugin'], { exclude: ['SOURCES.md'] });
const byName = new Map(fixture.map((record) => [record.source.path.split('/').pop()!.slice(0, 2), record]));

describe('Kindle plugin notes', () => {
  it('read the book from kindle-sync, the URL from * Reference:, never from the broken author link', () => {
    expect(fixture.map((record) => [record.kind, record.format, record.category, record.title, record.authors, record.url, record.highlights.length])).toEqual([
      ['highlights', 'kindle-plugin', 'books', 'テスト駆動開発', ['ＫｅｎｔＢｅｃｋ', '和田卓人'], 'https://www.amazon.com/dp/B077D2L69C', 20],
      ['highlights', 'kindle-plugin', 'books', 'Dòng chảy Flow', ['Mihaly Csikszentmihalyi'], null, 1],
      ['highlights', 'kindle-plugin', 'books', 'Savor: Mindful Eating, Mindful Life', ['Thich Nhat Hanh', 'Lilian Cheung'], 'https://www.amazon.com/dp/B00395ZYS6', 20],
      ['highlights', 'kindle-plugin', 'books', 'The Mamba Mentality: How I Play', ['Kobe Bryant', 'Pau Gasol', 'Phil Jackson', 'Andrew D. Bernstein'], 'https://www.amazon.com/dp/B07DC3WRKT', 1],
      // The H1 lost its apostrophe to file-name sanitising; kindle-sync.title has it.
      ['highlights', 'kindle-plugin', 'books', "Harry Potter and the Sorcerer's Stone", ['J.K. Rowling', 'Mary GrandPré'], 'https://www.amazon.com/dp/B0192CTMYG', 1],
      // Nationality and role marks are kept: the note does not say who translated.
      ['highlights', 'kindle-plugin', 'books', '厌女：日本的女性嫌恶 ([日]上野千鹤子(著),王兰(译)) (Z-Library)', ['[日]上野千鹤子(著)', '王兰(译)'], null, 10],
    ]);
    for (const record of fixture) {
      expect(record.published).toBeNull();
      expect(record.tags).toEqual([]);
      expect(record.text).toBe('');
      expect(record.diagnostics).toEqual([]);
    }
  });

  it('keeps asin and the plugin\'s other keys in extra, the cover as image', () => {
    expect(byName.get('01')!.extra).toEqual({ asin: 'B077D2L69C', bookId: '61285', lastAnnotatedDate: '2025-07-04', highlightsCount: 20 });
    expect(byName.get('01')!.image).toBe('https://m.media-amazon.com/images/I/813DXFJioDL._SY160.jpg');
    expect(byName.get('05')!.extra).toMatchObject({ asin: 'B0192CTMYG', isbn: '0606170979' });
    expect(byName.get('02')!.extra).toEqual({ bookId: '29488', highlightsCount: 1 });
  });

  it('gives each highlight its location, link and block id; the text keeps its own dashes', () => {
    expect(byName.get('01')!.highlights[0]).toMatchObject({
      text: '新しいテストはまずリストに書こう。もちろんリファクタリングも',
      markdown: '新しいテストはまずリストに書こう。もちろんリファクタリングも',
      url: 'kindle://book?action=open&asin=B077D2L69C&location=3271',
      id: '20964',
      location: 'Location 3271',
      page: null,
      color: null,
      tags: [],
      note: null,
      highlightedAt: null,
    });
    const savor = byName.get('03')!.highlights;
    expect(savor[0]!.text).toBe('you begin with what is already inside you, with your awareness and experience of every moment you live—');
    expect(savor[0]!.location).toBe('Location 30');
    expect(savor.every((highlight) => highlight.note === null && highlight.highlightedAt === null)).toBe(true);
    // Books without an ASIN have empty links `[410]()`: a location, no url.
    expect(byName.get('02')!.highlights[0]).toMatchObject({ location: 'Location 410', url: null, id: '21208' });
  });

  it('reads the paragraph between a highlight and its `---` as its note', () => {
    const highlights = byName.get('06')!.highlights;
    expect(highlights.map((highlight) => highlight.note)).toEqual([null, null, null, null, null, '????', null, null, null, null]);
    expect(highlights[5]!.text).toMatch(/^人在成为女人的时候/);
    expect(highlights[5]!.location).toBe('Location 1436');
    expect(highlights[0]!.text).toBe('。对于女人，嫉妒是以其他女人为对手围绕男人展开的竞争；而对于男人，嫉妒则是维护自尊和自我确认的争斗[1]。');
  });

  it('reads the oldest templates: `[[url]]` references, a note glued after the link, highlights without rules', async () => {
    const note = [
      '---',
      'kindle-sync:',
      '  bookId: "17221"',
      '  title: Refactoring',
      '  author: Greene, Robert',
      '  asin: B007WTFWJ6',
      '---',
      '# Refactoring',
      '',
      '* Author: [Greene, Robert](https://www.amazon.com/author)',
      '* ASIN: B007WTFWJ6',
      '* Publication: March 9, 2012',
      '* Reference: [[https://www.amazon.com/dp/B007WTFWJ6]]',
      '* [Kindle link](kindle://book?action=open&asin=B007WTFWJ6)',
      '',
      '9. Any fool can write code — that a computer can understand — location: [12](kindle://book?action=open&asin=B007WTFWJ6&location=12)My own note',
      'Good programmers write code that humans can understand. — location: [14-15](kindle://book?action=open&asin=B007WTFWJ6&location=14)',
      ' — location: [20](kindle://book?action=open&asin=B007WTFWJ6&location=20) ^ref-1',
      '',
      '---',
      '',
    ].join('\n');
    const record = await read('Refactoring.md', note);
    expect(record).toMatchObject({ format: 'kindle-plugin', title: 'Refactoring', authors: ['Greene, Robert'], url: 'https://www.amazon.com/dp/B007WTFWJ6', published: '2012-03-09' });
    expect(record.highlights.map(({ text, location, note: written }) => ({ text, location, note: written }))).toEqual([
      { text: '9. Any fool can write code — that a computer can understand', location: 'Location 12', note: 'My own note' },
      { text: 'Good programmers write code that humans can understand.', location: 'Location 14-15', note: null },
    ]);
    expect(record.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', rule: 'empty-highlight', line: 18 })]);
  });

  it('splits author lists into people: 、 , ; & and "and", a serial ", and", German "und"', () => {
    expect(splitAuthors('Kobe Bryant, Pau Gasol, Phil Jackson, and Andrew D. Bernstein')).toEqual(['Kobe Bryant', 'Pau Gasol', 'Phil Jackson', 'Andrew D. Bernstein']);
    expect(splitAuthors('ＫｅｎｔＢｅｃｋ、和田卓人')).toEqual(['ＫｅｎｔＢｅｃｋ', '和田卓人']);
    expect(splitAuthors('A. Author; B. Author & C. Author')).toEqual(['A. Author', 'B. Author', 'C. Author']);
    expect(splitAuthors('Von: Maarten Balliauw und Xavier Decoster')).toEqual(['Maarten Balliauw', 'Xavier Decoster']);
    expect(splitAuthors('Martin, Robert C.')).toEqual(['Martin, Robert C.']);
    expect(splitAuthors('クラウド勉強会')).toEqual(['クラウド勉強会']);
  });
});

describe('Kindle plugin detection', () => {
  it('takes the plugin\'s notes and nothing else of the fixtures or the real-world exports', () => {
    expect(detectedBy(kindlePlugin)).toEqual(fixture.map((record) => record.source.path).sort());
  });
  it('takes a note whose frontmatter was lost by its highlight lines, but not a Readwise Kindle export', () => {
    const line = 'A highlight. — location: [56](kindle://book?action=open&asin=B07DC3WRKT&location=56) ^ref-40224';
    expect(kindlePlugin.detect({ name: 'a.md', text: `# Book\n\n## Highlights\n${line}\n\n---\n` })).toBe(true);
    const readwise = '- A highlight. ([Location 56](https://readwise.io/to_kindle?action=open&asin=B07DC3WRKT&location=56))';
    expect(kindlePlugin.detect({ name: 'b.md', text: `# Book\n\n## Highlights\n${readwise}\n` })).toBe(false);
  });
});
