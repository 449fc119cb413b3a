/**
 * KOReader's `metadata.<ext>.lua` sidecars (fixtures/koreader, see its
 * SOURCES.md): the facts below were written by hand from the Lua files
 * before expected.json was generated. And what the reader does not take:
 * other Lua files, settings, anything that is not a table of literals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { koreaderSidecar } from '../src/formats/koreader/sidecar.js';
import { decodeString } from '../src/formats/koreader/lua-data.js';
import type { IngestRecord } from '../src/index.js';
import { detectedBy, records, runCli, scratch } from './helpers.js';

const { folder } = scratch('koreader');
const list = await records(['fixtures/koreader'], { exclude: ['SOURCES.md'] });
/** By the book's `.sdr` folder. */
const books = new Map<string, IngestRecord>(list.map((record) => [record.source.path.split('/').at(-2)!, record]));
const book = (name: string): IngestRecord => books.get(name)!;
const row = (record: IngestRecord) => record.highlights.map((h) => [h.text, h.note, h.location, h.page, h.color, h.highlightedAt]);

describe('KOReader sidecars', () => {
  it('reads one book per sidecar: title, authors, category, ISBN and the book facts', () => {
    expect(list).toHaveLength(5);
    const walk = book('random-walk.sdr');
    expect([walk.format, walk.kind, walk.title, walk.authors, walk.category]).toEqual(['koreader', 'highlights', 'A Random Walk Down Wall Street', ['Burton G. Malkiel'], 'books']);
    expect(walk.work).toBe('isbn:9781324035442');
    expect(walk.extra).toMatchObject({ isbn: '9781324035442', language: 'en', pages: 924, status: 'reading', progress: 0.057359307359307 });
    expect(walk.extra['identifiers']).toEqual(['google:pX1wEAAAQBAJ', 'isbn:9781324035442', 'calibre:188', 'uuid:5ae815e7-b145-459f-b118-8d0d845205e2', '9781324035442']);
    expect([book('pg42324.sdr').title, book('pg42324.sdr').authors]).toEqual(['Frankenstein', ['Mary Shelley']]);
    const prophet = book('the_prophet.sdr');
    expect([prophet.title, prophet.authors, prophet.extra['language'], prophet.extra['keywords']]).toEqual(['The Prophet', ['Khalil Gibran'], 'en-US', ['Mysticism⁠-Poetry', 'Prose poems, American']]);
    expect(prophet.extra['isbn']).toBeUndefined();
    const parent = book('between-parent-and-child.sdr');
    expect([parent.title, parent.authors, parent.extra['language'], parent.extra['pages']]).toEqual(['Between Parent and Child', ['Dr. Haim G. Ginott'], 'en-US', 309]);
    // A PDF with no author: doc_props says "" and stats "N/A".
    const kerenyi = book('kerenyi.sdr');
    expect([kerenyi.title, kerenyi.authors, kerenyi.extra['pages']]).toEqual(['Kerenyi', [], 608]);
  });

  it('reads the annotations list (KOReader 2024+): highlights with a drawer, not page bookmarks', () => {
    expect(row(book('random-walk.sdr'))).toEqual([
      [
        'On Wall Street, the term “random walk” is an obscenity. It is an epithet coined by the academic world and hurled insultingly at the professional soothsayers. Taken to its logical extreme, it means that a blindfolded monkey throwing darts at the stock listings could select a portfolio that would do as well as one selected by the experts.',
        null,
        'What Is a Random Walk?',
        '52',
        'gray',
        '2026-01-02T11:47:53',
      ],
    ]);
    // The page bookmark "in Titlepage" (no drawer) is not a highlight.
    expect(row(book('pg42324.sdr'))).toEqual([
      ['But the overflowing misery I now felt, and the excess of agitation that I endured, rendered me incapable of any exertion.', null, 'Chapter XXIII', '265', 'yellow', '2023-12-23T08:47:28'],
      ['Nothing is so painful to the human mind as a great and sudden change.', null, 'Chapter XXIII', '265', 'yellow', '2023-12-19T17:23:52'],
      [
        'The sun might shine, or the clouds might lower: but nothing could appear to me as it had done the day before.',
        'Sample note without highlight',
        'Chapter XXIII',
        '265',
        'yellow',
        '2023-12-19T17:24:26',
      ],
      ['You have read this strange and terrific story, Margaret;', null, 'Walton, in Continuation', '281', 'yellow', '2023-12-22T18:17:17'],
    ]);
    const prophet = book('the_prophet.sdr').highlights;
    expect(prophet.map((h) => h.location)).toEqual(['The Coming of the Ship', 'On Love', 'On Giving']);
    // A Lua string's `\` + line end is a line break.
    expect(prophet[1]!.text).toBe('Love gives naught but itself and takes naught but from itself.\nLove possesses not nor would it be possessed;\nFor love is sufficient unto love.');
    expect(prophet[1]!.note).toBe('Sample note');
  });

  it('reads the older highlight table by page, in the book’s order, its notes from the bookmarks', () => {
    expect(row(book('between-parent-and-child.sdr'))).toEqual([
      ['We are grateful to friends and colleagues who read the manuscript and contributed suggestions and criticism.', null, 'Page 5', '5', null, '2023-01-23T06:19:09'],
      [', who saw the benefit of reissuing this book; to Theodore Cohn', null, 'Page 5', '5', null, '2023-01-23T06:30:18'],
      ['Nancy Goddard', null, 'Page 5', '5', null, '2023-01-23T06:20:41'],
      ['we acknowledge our greatest debt.', 'more info from laptop', 'Page 5', '5', null, '2023-01-24T04:36:02'],
      ['ALLACE GODDARD', 'more testing - note added on laptop', 'Page 5', '5', null, '2023-01-24T03:45:58'],
    ]);
    const kerenyi = book('kerenyi.sdr').highlights;
    expect(kerenyi).toHaveLength(12);
    expect(kerenyi.map((h) => h.page)).toEqual(['26', '27', '34', '35', '36', '37', '38', '101', '103', '104', '106', '244']);
    expect([kerenyi[2]!.text, kerenyi[2]!.note, kerenyi[2]!.highlightedAt]).toEqual(['Bios carries the ring of "characterized life."', 'good disinction, use this in intro', '2024-02-17T09:46:45']);
    expect([kerenyi[1]!.text, kerenyi[1]!.note]).toEqual(['In Dionysos, Otto saw "creative madness," the irrational ground of the world.', 'rationality']);
    expect(kerenyi[11]!.note).toBe('tendencies or realĩies?');
    expect(kerenyi.every((h) => h.location === `Page ${h.page}` && h.color === null)).toBe(true);
  });

  it('decodes Lua string escapes: byte escapes as UTF-8, \\u{}, \\z, long brackets', () => {
    expect(decodeString(String.raw`"caf\195\169 \u{1F30A} a\z   b \"q\" \\"`)).toBe('café 🌊 ab "q" \\');
    expect(decodeString(String.raw`'it\'s'`)).toBe("it's");
    expect(decodeString('[==[\nline ]] one]==]')).toBe('line ]] one');
  });

  it('through the binary: a .sdr tree gives one record per book with every highlight; other Lua is passed over', async () => {
    const dir = folder('library');
    for (const name of ['random-walk.sdr', 'pg42324.sdr', 'kerenyi.sdr']) {
      fs.mkdirSync(path.join(dir, 'Books', name), { recursive: true });
      for (const file of fs.readdirSync(path.join('fixtures/koreader', name))) fs.copyFileSync(path.join('fixtures/koreader', name, file), path.join(dir, 'Books', name, file));
    }
    fs.mkdirSync(path.join(dir, 'Books', 'Unread.sdr'));
    fs.writeFileSync(path.join(dir, 'Books', 'Unread.sdr', 'metadata.epub.lua'), '-- we can read Lua syntax here!\nreturn {\n    ["percent_finished"] = 0.02,\n}\n');
    fs.writeFileSync(path.join(dir, 'Books', 'metadata.settings.lua'), 'local x = 1\nreturn { ["doc_props"] = x }\n');
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const got = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as IngestRecord);
    expect(got.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['koreader', 'Kerenyi', 12],
      ['koreader', 'Frankenstein', 4],
      ['koreader', 'A Random Walk Down Wall Street', 1],
    ]);
  });

  it('through the binary: a named sidecar that is not a table of literals is a lua-syntax error', async () => {
    const dir = folder('broken');
    fs.writeFileSync(path.join(dir, 'metadata.epub.lua'), 'return {\n    ["doc_props"] = { ["title"] = "T" },\n    ["annotations"] = os.exit(),\n}\n');
    const run = await runCli(['metadata.epub.lua', '--no-cache', '-f', 'ndjson'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^metadata\.epub\.lua {2}error {2}.*not a literal.* {2}lua-syntax$/m);
  });
});

describe('what the KOReader sidecar reader takes', () => {
  it('takes the sidecar fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(koreaderSidecar)).toEqual([
      'fixtures/koreader/between-parent-and-child.sdr/metadata.epub.lua',
      'fixtures/koreader/kerenyi.sdr/metadata.pdf.lua',
      'fixtures/koreader/pg42324.sdr/metadata.epub.lua',
      'fixtures/koreader/random-walk.sdr/metadata.epub.lua',
      'fixtures/koreader/the_prophet.sdr/metadata.epub.lua',
    ]);
  });

  it('takes a Lua table with doc_props, annotations or highlight, and no other Lua or text', () => {
    const takes = (text: string, name = 'metadata.epub.lua'): boolean => koreaderSidecar.detect({ name, text });
    expect(takes('-- /mnt/onboard/a.sdr/metadata.epub.lua\nreturn {\n    ["annotations"] = {},\n}\n')).toBe(true);
    expect(takes('return {\n    ["doc_props"] = {\n    },\n}\n')).toBe(true);
    expect(takes('return {\n    ["doc_props"] = {\n    },\n}\n', 'notes.md')).toBe(false);
    expect(takes('-- we can read Lua syntax here!\nreturn {\n    ["wallabag"] = {},\n}\n', 'wallabag.lua')).toBe(false);
    expect(takes('local M = {}\nM["doc_props"] = {}\nreturn M\n')).toBe(false);
  });
});
