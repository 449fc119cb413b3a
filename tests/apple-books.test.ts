/**
 * Apple Books highlights from the two Obsidian plugins: real notes in
 * fixtures/apple-books (bandantonio's default template, atfzl's fixed
 * format), checked by hand against the collector's facts
 * (docs/facts/apple-books), and notes written here
 * from the plugins' templates for what the real notes do not show (colours,
 * dates, custom templates, highlights that look like Markdown).
 *
 * Where ingest differs from the facts files on purpose:
 * - The atfzl notes state no title, so it is the file name: in the fixture
 *   that is the collector's numbered name (`02-pro-git-ko`). The facts give
 *   the vault's name (`Pro Git`): the test below reads the same notes under
 *   those names and gets the facts' titles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appleBooks } from '../src/formats/apple-books/apple-books.js';
import { Messages } from '../src/messages.js';
import type { IngestRecord } from '../src/schema.js';
import { ROOT, detectedBy, readNote, records } from './helpers.js';

/** Reads a note given under a vault's file name. */
const read = async (name: string, text: string): Promise<IngestRecord> => readNote(name, text);

const fixture = await records(['fixtures/apple-books'], { exclude: ['SOURCES.md'] });
const byName = new Map(fixture.map((record) => [record.source.path.split('/').pop()!, record]));

describe('Apple Books: bandantonio "Apple Books - Import Highlights", default template', () => {
  const book = byName.get('01-48-laws-of-power.md')!;

  it('reads the book from the Title::, Author:: and Link:: fields', () => {
    expect(book).toMatchObject({ kind: 'highlights', format: 'apple-books', title: '48 Laws of Power', category: 'books' });
    // Apple's sort-order name is one person.
    expect(book.authors).toEqual(['Greene, Robert']);
    expect(book.url).toBe('ibooks://assetid/5D47ABAC70B7E9CC002D094AEE865DEB');
    expect(book.tags).toEqual([]);
    expect(book.published).toBeNull();
    expect(book.text).toBe('');
    expect(book.diagnostics).toEqual([]);
  });

  it('gives every annotation its highlight (not its context), its CFI as location and its link', () => {
    expect(book.highlights).toHaveLength(21);
    expect(book.highlights[0]).toMatchObject({
      text: 'NEVER OUTSHINE THE MASTER',
      markdown: 'NEVER OUTSHINE THE MASTER',
      url: 'ibooks://assetid/5D47ABAC70B7E9CC002D094AEE865DEB#epubcfi(/6/24[id158]!/4/4[filepos47771]/6/2/1,:0,:25)',
      id: null,
      location: 'epubcfi(/6/24[id158]!/4/4[filepos47771]/6/2/1,:0,:25)',
      page: null,
      color: null,
      tags: [],
      note: null,
      highlightedAt: null,
    });
    // The context ends with "make them."; the highlight without the full stop.
    expect(book.highlights[3]!.text).toMatch(/find a way to make them$/);
    expect(book.highlights[4]!.text).toMatch(/^They would let their closest friend/);
    // A value continues on unprefixed lines up to the next item.
    expect(book.highlights[8]!.text).toMatch(/^If at any point .* intentions,\nall is lost\. Do not give them the chance to sense\nwhat you are\nup to: /);
    expect(book.highlights[8]!.text).toMatch(/pick out your\nreal goal$/);
    expect(book.highlights[20]!.location).toBe('epubcfi(/6/46[id147]!/4/4[filepos239734]/6/2/1,:0,:51)');
    expect(book.highlights.every((highlight) => highlight.note === null && highlight.color === null)).toBe(true);
  });
});

describe('Apple Books: atfzl "Apple Books Highlights"', () => {
  it('reads the author and the book link, and each highlight as written', () => {
    const summary = ['02-pro-git-ko.md', '03-four-agreements.md', '04-seth-zh.md', '05-clean-code.md'].map((name) => {
      const record = byName.get(name)!;
      return [record.format, record.title, record.authors, record.url, record.category, record.highlights.length];
    });
    expect(summary).toEqual([
      ['apple-books', '02-pro-git-ko', ['Scott Chacon'], 'ibooks://assetid/80CD3C03D7A40678ED51F4140647F20B', 'books', 20],
      ['apple-books', '03-four-agreements', ['don Miguel Ruiz'], 'ibooks://assetid/5F00AA71DF8BF53A7BDB2F9CF5662DB5', 'books', 2],
      ['apple-books', '04-seth-zh', ['赛斯'], 'ibooks://assetid/6626B223B31D15CADCB02486AAE64542', 'books', 10],
      ['apple-books', '05-clean-code', ['Martin, Robert C.'], 'ibooks://assetid/955CF6F276092431100C32D5D32097BF', 'books', 20],
    ]);
    const git = byName.get('02-pro-git-ko.md')!.highlights;
    expect(git.slice(0, 2).map((highlight) => highlight.text)).toEqual(['Git은 데이터를 파일 시스템 스냅샷의 연속으로 취급하고 크기가 아주 작다', '되돌리기']);
    expect(git[7]!.text).toBe(
      '체크섬은 Git에서 사용하는 가장 기본적인(Atomic) 데이터 단위이자 Git의 기본 철학이다.\nGit 없이는 체크섬을 다룰 수 없어서 파일의 상태도 알 수 없고 심지어 데이터를 잃어버릴 수도 없다.',
    );
    // A trailing line of HTML white space is no text; `--until` is a highlight, not a rule.
    expect(git[12]!.text).toBe('Git은 데이터를 추가할 뿐');
    expect(git[10]!.text).toBe('--until');
    expect(git.every((highlight) => highlight.location === null && highlight.url === null && highlight.note === null && highlight.highlightedAt === null)).toBe(true);
    const agreements = byName.get('03-four-agreements.md')!.highlights;
    expect(agreements[1]!.text).toMatch(/It was all there already — all that knowledge/);
    const code = byName.get('05-clean-code.md')!.highlights;
    expect(code[16]!.text).toBe('we need to make sure that the statements within our function are all at the same level of abstraction');
    expect(code[19]!.text).toBe('most are very small. Some are a bit larger. Very few contain as much text as a page can hold');
  });

  it('takes the title from the file name, which atfzl names after the book', async () => {
    const titles = await Promise.all(
      [
        ['02-pro-git-ko.md', 'Pro Git.md'],
        ['04-seth-zh.md', '时空之外.md'],
        ['05-clean-code.md', 'The Robert C. Martin Clean Code Collection (Collection).md'],
      ].map(async ([fixtureName, vaultName]) => {
        const text = fs.readFileSync(path.join(ROOT, 'fixtures/apple-books', fixtureName!), 'utf8');
        return (await read(vaultName!, text)).title;
      }),
    );
    expect(titles).toEqual(['Pro Git', '时空之外', 'The Robert C. Martin Clean Code Collection (Collection)']);
  });

  it('keeps a highlight that starts with `9.`, `1)`, `- ` or `#` as its text, never a list or a heading', async () => {
    const note = [
      '## Metadata',
      '- Author: Kent Beck',
      '- [Apple Books Link](ibooks://assetid/1C1B5B3A1A4E4B5C8D9E0F1A2B3C4D5E)',
      '',
      '## Highlights',
      '9. Dependency is the key problem in software development at all scales.',
      '',
      '---',
      '1) Write a test.',
      '2) Make it run.',
      '',
      '---',
      '- a dash that is text',
      '',
      '---',
      '# not a heading',
      '',
      '---',
      '   ',
      '          ',
      '',
      '---',
      '*emphasis* stays as the book has it',
    ].join('\n');
    const record = await read('Test Driven Development.md', note);
    expect(record.title).toBe('Test Driven Development');
    expect(record.highlights.map((highlight) => highlight.text)).toEqual([
      '9. Dependency is the key problem in software development at all scales.',
      '1) Write a test.\n2) Make it run.',
      '- a dash that is text',
      '# not a heading',
      '*emphasis* stays as the book has it',
    ]);
    expect(record.highlights[0]!.markdown).toBe('9. Dependency is the key problem in software development at all scales.');
    // The white-space highlight (an image in the book) is skipped, and said so at its line.
    expect(appleBooks.read({ name: 'x.md', text: note }, new Messages()).works?.[0]?.messages.list).toEqual([
      expect.objectContaining({ severity: 'info', rule: 'empty-highlight', line: 19 }),
    ]);
  });
});

describe('Apple Books: bandantonio custom templates', () => {
  it('"Colored highlights": colour from the rgb() or <u>, 12-hour dates with their offset, chapter as location', async () => {
    const note = [
      'Title:: 📕 Apple iPhone User Guide',
      'Author:: Apple Inc.',
      'Genre:: Computers',
      'Language:: EN',
      'Last Read:: 2024-03-11 03:04:53 PM -04:00',
      'Link:: [Apple Books Link](ibooks://assetid/THBFYNJKTGFTTVCGSAE5)',
      '',
      '![Book Cover](https://example.com/cover.jpg)',
      '',
      '## Annotations',
      '',
      'Number of annotations:: 3',
      '',
      '----',
      '',
      '- 🎯 Highlight:: <mark style="background:rgb(249,213,108); color:#000; padding:2px;">aggregated highlight &amp; more</mark>',
      '- 📝 Note:: Test note',
      '- <small>📅 Highlight taken on:: 2024-03-11 03:04:53 PM -04:00</small>',
      '- <small>📅 Highlight modified on:: 2024-03-11 07:04:53 PM -04:00</small>',
      '',
      '----',
      '',
      '- 📖 Chapter:: Another aggregated Introduction',
      '- 🎯 Highlight:: <u>9. underlined, over',
      'two lines</u>',
      '- 📝 Note:: N/A',
      '- 📙 Highlight Link:: [Apple Books Highlight Link](ibooks://assetid/THBFYNJKTGFTTVCGSAE5#epubcfi(/6/24[ch3]!/4/2/10,/1:19,/3:113))',
      '- <small>📅 Highlight taken on:: 2024-07-25 12:52:05 AM +02:00</small>',
      '',
      '----',
      '',
      '- 🎯 Highlight:: <mark style="background:rgb(214,192,238); color:#000; padding:2px;">violet</mark>',
      '- 📝 Note:: N/A',
      '- <small>📅 Highlight taken on:: 743629925.898202</small>',
      '',
    ].join('\n');
    const record = await read('Apple iPhone User Guide.md', note);
    expect(record).toMatchObject({ title: 'Apple iPhone User Guide', authors: ['Apple Inc.'], url: 'ibooks://assetid/THBFYNJKTGFTTVCGSAE5' });
    expect(record.image).toBe('https://example.com/cover.jpg');
    expect(record.extra).toEqual({ genre: 'Computers', language: 'EN', last_read: '2024-03-11 03:04:53 PM -04:00' });
    expect(record.text).toBe('');
    expect(record.highlights.map(({ text, color, note: written, location, highlightedAt }) => ({ text, color, note: written, location, highlightedAt }))).toEqual([
      { text: 'aggregated highlight & more', color: 'yellow', note: 'Test note', location: null, highlightedAt: '2024-03-11T15:04:53-04:00' },
      { text: '9. underlined, over\ntwo lines', color: 'underline', note: null, location: 'Another aggregated Introduction', highlightedAt: '2024-07-25T00:52:05+02:00' },
      // A raw {{highlightCreationDate}}: Core Data seconds since 2001-01-01 UTC.
      { text: 'violet', color: 'purple', note: null, location: null, highlightedAt: '2024-07-25T19:52:05Z' },
    ]);
    expect(record.highlights[0]!.markdown).toMatch(/^<mark style="background:rgb\(249,213,108\)/);
    expect(record.highlights[1]!.url).toBe('ibooks://assetid/THBFYNJKTGFTTVCGSAE5#epubcfi(/6/24[ch3]!/4/2/10,/1:19,/3:113)');
  });

  it('single-colon fields and a bold highlight (a vault\'s own template); an unreadable date is said', async () => {
    const note = [
      'Title:: 📕 Deep Work',
      'Author:: Newport, Cal & Someone Else',
      'Link:: [Apple Books Link](ibooks://assetid/A1B2C3D4E5F60718293A4B5C6D7E8F90)',
      '',
      '## Annotations',
      '',
      '----',
      '',
      '- 📖 Chapter: Rule #1',
      '- 🎯 Highlight: **Clarity about what matters provides clarity about what does not.**',
      '- 📝 Note: a thought',
      '- 📅 Highlight taken on: sometime',
      '',
    ].join('\n');
    const record = await read('Deep Work.md', note);
    expect(record.authors).toEqual(['Newport, Cal', 'Someone Else']);
    expect(record.highlights).toEqual([
      expect.objectContaining({ text: 'Clarity about what matters provides clarity about what does not.', location: 'Rule #1', note: 'a thought', highlightedAt: null }),
    ]);
    expect(record.diagnostics).toEqual([expect.objectContaining({ rule: 'invalid-date', line: 12 })]);
  });
});

describe('Apple Books detection', () => {
  it('takes the Apple Books notes and nothing else of the fixtures or the real-world exports', () => {
    expect(detectedBy(appleBooks)).toEqual(fixture.map((record) => record.source.path).sort());
  });
});
