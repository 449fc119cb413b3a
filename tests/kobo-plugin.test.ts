/**
 * Notes of the Obsidian "Kobo Highlights Importer" plugin (fixtures/kobo-plugin,
 * see its SOURCES.md): the facts below were written by hand from the files
 * before expected.json was generated. And what the reader does not take.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { koboPlugin } from '../src/formats/kobo/plugin.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, recordsOf, runCli, scratch } from './helpers.js';

const { folder } = scratch('kobo-plugin');
const notes = await recordsOf('kobo-plugin');
const note = (name: string): IngestRecord => {
  const found = [...notes.entries()].find(([file]) => file.startsWith(name));
  if (!found) throw new Error(`no record of ${name}`);
  return found[1];
};
const facts = (record: IngestRecord): unknown[] => record.highlights.map((highlight) => [highlight.text, highlight.note, highlight.location, highlight.highlightedAt]);

describe('Kobo Highlights Importer notes', () => {
  it('reads every note as a book of the plugin', () => {
    expect(notes.size).toBe(8);
    for (const record of notes.values()) expect([record.format, record.kind, record.category]).toEqual(['kobo-plugin', 'highlights', 'books']);
  });

  it('reads an unquoted `title: X: Y` that is no YAML (line by line), and no unfilled placeholder as a value', () => {
    const record = note('01-');
    expect(record.title).toBe('Thinking in Systems: A Primer');
    expect([record.authors, record.summary, record.extra]).toEqual([[], null, {}]);
    // `02/09/2023` in the user's DD/MM/YYYY: nothing in this note tells day from month.
    expect(facts(record)).toEqual([['back, so the more I pushed him back.', null, 'One. The Basics', null]]);
  });

  it('reads the callouts: text, the nested note, the date after it, the chapter heading', () => {
    expect(facts(note('02-'))).toEqual([['Sivanandan', 'Research this guy', 'Introduction', '2023-07-23']]);
    expect(note('02-').title).toBe('A Nation of Shopkeepers');
    expect(facts(note('04-'))).toEqual([['Money is a scorekeeping tool, nothing more.', 'Great quote.', 'Introduction', '2023-10-22']]);
    expect(facts(note('05-'))).toEqual([['Finn detested Islam as a whole', 'Hmm gotta research this guy.', 'Chapter 2: The Jews Were a People Without a Land', '2023-11-29']]);
    const politics = note('03-').highlights[0]!;
    expect(politics.text).toMatch(/^It was my speech forty years ago\. Then, the party wanted MPs who were in favour of capital punishment and against Europe\./);
    expect([politics.note, politics.location, politics.highlightedAt]).toEqual(['Excellent way to be all things to all people.', '3: The Livestock Ring', '2023-09-27']);
  });

  it('reads a long note: 43 highlights in two chapters, 13 with notes, placeholders Obsidian rewrote as mappings left out', () => {
    const record = note('06-');
    expect(record.title).toBe('The Price of Peace');
    expect([record.authors, record.extra]).toEqual([[], {}]);
    expect(record.highlights).toHaveLength(43);
    expect(record.highlights.filter((highlight) => highlight.location === 'Introduction')).toHaveLength(4);
    expect(record.highlights.filter((highlight) => highlight.location === 'Chapter One: After the Gold Rush')).toHaveLength(39);
    expect(record.highlights.filter((highlight) => highlight.note !== null)).toHaveLength(13);
    expect(facts(record)[0]).toEqual([
      'the history of Keynesianism is an intellectual history of American power, both its promise and its abuse',
      "Due to the transformation into American orthodox 'Keynesian economics'.",
      'Introduction',
      '2024-02-04',
    ]);
    expect(facts(record)[1]).toEqual(['what became known as Keynesianism as it crossed the Atlantic and metamorphosed into a distinctly American political ethos', null, 'Introduction', '2024-02-04']);
    expect(record.highlights.find((highlight) => highlight.text === 'banks hoarded gold')?.highlightedAt).toBe('2024-02-14');
    expect(record.highlights[42]!.text).toMatch(/^The 1914 crisis made Keynes’ career\..*during the Great War\.$/);
    expect(record.highlights[42]!.highlightedAt).toBe('2024-02-16');
  });

  it('reads the 5.x template: paragraphs, **Note:** and *Created:* to the second, the frontmatter’s fields', () => {
    const record = note('07-');
    expect([record.title, record.authors, record.summary]).toEqual(['Nemesis Games', ['James S. A. Corey'], 'The fifth book in the Expanse series.']);
    expect(record.extra).toEqual({
      publisher: 'Orbit',
      dateLastRead: '2022-08-06T21:03:12.000Z',
      readStatus: 'Reading',
      percentRead: 37,
      isbn: '9780316217583',
      series: 'The Expanse',
      seriesNumber: 5,
      timeSpentReading: 23514,
    });
    expect(facts(record)).toEqual([
      ['“I guess I can’t be. How do you prove a negative?”', null, 'Chapter Eight: Holden', '2022-08-05T20:46:41Z'],
      ['He had the sense that the old version of him was gone.\n\nAnd that the new one did not know the way.', 'Amos changes here.', 'Chapter Nine: Amos', '2022-08-06T07:15:02Z'],
      ['Earth had always been the center.', null, 'Chapter Nine: Amos', '2022-08-06T07:18:40Z'],
    ]);
  });

  it('reads the 4.x marked blocks: the bookmark id, and what the user typed in the block as the note', () => {
    const record = note('08-');
    expect([record.title, record.authors, record.summary]).toEqual(['Nemesis Games: The Expanse, Book 5', ['James S. A. Corey'], 'The fifth book in the Expanse series.']);
    expect(record.extra).toMatchObject({ percentRead: 37, seriesNumber: 5, readStatus: 'Reading' });
    expect(record.extra).not.toHaveProperty('isbn');
    expect(facts(record)).toEqual([
      ['“I guess I can’t be. How do you prove a negative?”', null, 'Chapter Eight: Holden', '2022-08-05'],
      ['He had the sense that the old version of him was gone.', 'Amos changes here.\n\nCompare with the Baltimore chapters.', 'Chapter Nine: Amos', '2022-08-06'],
      ['Earth had always been the center.', null, 'Chapter Nine: Amos', '2022-08-06'],
    ]);
    expect(record.highlights.map((highlight) => highlight.id)).toEqual(['c5b2637d-ddaf-4f15-9a81-dd701e0ad8fe', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', '9a8b7c6d-5e4f-3a2b-1c0d-ef9876543210']);
  });
});

describe('what the Kobo plugin reader takes', () => {
  it('takes its fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(koboPlugin)).toEqual([...notes.keys()].map((file) => `fixtures/kobo-plugin/${file}`).sort());
  });

  it('takes no note that only looks like it', () => {
    const takes = (text: string, name = 'book.md'): boolean => koboPlugin.detect({ name, text });
    const head = '---\ntitle: T\nreadStatus: Reading\npercentRead: 3\ndateLastRead: 2024-01-01\ntimeSpentReading: 5\n---\n';
    expect(takes(head)).toBe(true);
    expect(takes(head, 'book.json')).toBe(false);
    // One of the template's keys missing: a reading log of someone's own.
    expect(takes(head.replace('timeSpentReading: 5\n', ''))).toBe(false);
    // The keys in the body, not the frontmatter.
    expect(takes(`# Log\n\n${head}`)).toBe(false);
    // Callouts under chapter headings without the template's frontmatter (the plugin's output before 2024, or anyone's quotes).
    expect(takes('# Book\n\n## Highlights\n\n## Chapter 1\n\n> [!quote]\n> Text — [[2023-01-01]]\n')).toBe(false);
    expect(takes('A note about %%START-EXTRACTED-HIGHLIGHT- markers.\n')).toBe(false);
  });

  it('through the binary: a folder of plugin notes gives one record per book with every highlight', async () => {
    const dir = folder('vault');
    for (const file of fs.readdirSync('fixtures/kobo-plugin').filter((name) => name.endsWith('.md') && name !== 'SOURCES.md')) fs.copyFileSync(path.join('fixtures/kobo-plugin', file), path.join(dir, file));
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(lines.map((record) => record.format)).toEqual(Array(8).fill('kobo-plugin'));
    expect(lines.map((record) => record.highlights.length).sort((a, b) => a - b)).toEqual([1, 1, 1, 1, 1, 3, 3, 43]);
    // `author: {{Author}}` is a YAML mapping with a mapping for its key: the YAML library's console warning about it is not printed.
    expect(run.stderr).not.toMatch(/Keys with collection values|Warning:/);
  });
});
