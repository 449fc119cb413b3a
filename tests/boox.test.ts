/**
 * Boox NeoReader notes exports (fixtures/boox, see its SOURCES.md): the
 * facts below were written by hand from the files before expected.json was
 * generated. And what the reader does not take: plain text notes, Kindle
 * clippings, a note that only quotes an export's first line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boox } from '../src/formats/boox/notes.js';
import { detectedBy, recordsOf, runCli, scratch } from './helpers.js';

const { folder } = scratch('boox');
const books = await recordsOf('boox');
const book = (file: string) => books.get(file)!;
const NBSP = '\u00a0';

describe('Boox notes export, newer firmware', () => {
  it('reads title and authors from the first line, in any device language', () => {
    expect([book('01-en-second-brain.txt').title, book('01-en-second-brain.txt').authors]).toEqual(['Building a Second Brain -- A Proven Method', ['Tiago Forte']]);
    // `Family, Given` is one person.
    expect([book('02-de-harari.txt').title, book('02-de-harari.txt').authors]).toEqual(['Harari_Eine-kurze-Geschichte-der-Menschheit', ['Harari, Yuval Noah']]);
    expect([book('03-ru-clean-architecture.txt').title, book('03-ru-clean-architecture.txt').authors]).toEqual(['Чистая архитектура', ['Роберт Сесил Мартин']]);
    expect([book('04-zh-addiction.txt').title, book('04-zh-addiction.txt').authors]).toEqual(['我们为什么上瘾', ['迈雅·萨拉维茨']]);
    for (const record of books.values()) expect([record.format, record.kind, record.category]).toEqual(['boox', 'highlights', 'books']);
  });

  it('reads every entry: text, note, page, chapter, date', () => {
    const brain = book('01-en-second-brain.txt').highlights;
    expect(brain).toHaveLength(4);
    expect(brain.map((highlight) => [highlight.page, highlight.location, highlight.highlightedAt])).toEqual([
      ['6', 'Page 6', '2023-04-03T00:41:00'],
      ['32', 'Chapter 3: How a Second Brain Works', '2023-04-03T01:21:00'],
      ['39', 'Chapter 3: How a Second Brain Works', '2023-04-03T16:57:00'],
      ['40', 'Chapter 3: How a Second Brain Works', '2023-04-03T17:01:00'],
    ]);
    expect(brain[0]!.text).toBe('PKM—or personal knowledge management');
    expect([brain[1]!.text, brain[1]!.note]).toEqual(['We bookmark articles to read later, but rarely find the time to revisit them again', "There's too many to\nactually read them all"]);
    expect([brain[2]!.text, brain[2]!.note]).toEqual([
      'In other words, \nthe jobs that are most likely to stick around are those that involve promoting or defending a particular perspective',
      'Not sure about now with LLMs',
    ]);
    expect([brain[3]!.text, brain[3]!.note]).toEqual(['Multimedia', null]);

    const harari = book('02-de-harari.txt').highlights;
    expect(harari).toHaveLength(14);
    expect(harari.filter((highlight) => highlight.note !== null).map((highlight) => [highlight.page, highlight.note])).toEqual([
      ['18', 'Das ist der Preis für unsere Intelligenz'],
      ['32', 'Interessantes Gedankenspiel'],
      ['39', 'Um das "Denken" zu lernen, haben wir 40.000 Jahre gebraucht!'],
    ]);
    // The page line ends in a no-break space; the first entry's text in a blank line: neither is kept.
    expect(harari[0]!.page).toBe('16');
    expect(harari[0]!.text).toMatch(/^In Wirklichkeit lebten zwei Millionen Jahre lang, bis vor rund 10000 Jahren/);
    expect(harari[0]!.text).toMatch(/ute die einzige verbliebene Menschenart sind, dann wirft das einige Fragen auf\.$/);
    expect(harari[8]!.location).toBe('Kapitel 2 – Der Baum der Erkenntnis');
    expect(harari[7]!.location).toBe('Kapitel 1 – Ein ziemlich unauffälliges Tier');
    expect(harari[13]!.text).toMatch(/^Sapiens sind dagegen ausgesprochen flexibel/);
    expect(harari[13]!.highlightedAt).toBe('2023-02-19T20:28:00');

    const russian = book('03-ru-clean-architecture.txt').highlights;
    expect(russian.map((highlight) => [highlight.page, highlight.location])).toEqual([
      ['4', 'Page 4'],
      ['4', 'Предисловие'],
      ['5', 'Предисловие'],
      ['5', 'Предисловие'],
      ['5', 'Предисловие'],
      ['23', 'Причины неприятностей'],
      ['23', 'Причины неприятностей'],
    ]);
    expect([russian[4]!.text, russian[4]!.note]).toEqual(['назначения и от наличия или отсутствия архитектурных украшений', 'ga']);
    // A no-break space inside the book's text stays.
    expect(russian[5]!.text.startsWith(`Глава${NBSP}1. Что такое дизайн и архитектура?\nЦель?\n`)).toBe(true);
  });

  it('reads the Chinese export: 页码, 【批注】, and an empty chapter line as no chapter', () => {
    const notes = book('04-zh-addiction.txt').highlights;
    expect(notes).toHaveLength(26);
    expect(notes.filter((highlight) => highlight.note !== null).map((highlight) => [highlight.page, highlight.note])).toEqual([
      ['266', '居然这么想？'],
      ['451', '想到社会化抚养。'],
      ['546', '批斗。'],
    ]);
    expect(notes.map((highlight) => highlight.page).slice(0, 4)).toEqual(['236', '266', '276', '293']);
    expect(notes[0]!.location).toBe('第六章 贴标签');
    // After `第六章`, an empty line where the chapter goes: this entry has none.
    expect(notes[1]!.location).toBe('Page 266');
    expect(notes[2]!.location).toBe('第七章 初中即地狱');
    expect(notes[4]!.location).toBe('第八章 青春期的大脑');
    expect(notes[2]!.text.split('\n')).toHaveLength(2);
    expect(notes[1]!.highlightedAt).toBe('2025-06-20T15:50:00');
    expect(notes[24]!.location).toBe('Page 517');
    expect([notes[25]!.location, notes[25]!.text.startsWith('请想象一种场景')]).toEqual(['第十四章 触底的陷阱', true]);
  });
});

describe('Boox notes export, older firmware', () => {
  it('reads the author line, the 【Original Text】/【Annotations】/【Page Number】 fields and the chapter of each entry', () => {
    const record = book('05-en-older-firmware.txt');
    // The title is what the export wrote: the book's file name.
    expect([record.title, record.authors]).toEqual(['One Up on Wall Street - Peter Lynch & John Rothchild (952)', ['Peter Lynch', 'John Rothchild']]);
    expect(record.highlights.map((highlight) => [highlight.page, highlight.location, highlight.note, highlight.highlightedAt])).toEqual([
      ['13', 'Page 13', 'some very good annotation', '2022-03-07T01:11:00'],
      ['20', 'Introduction to the Millennium Edition', null, '2022-03-07T14:02:00'],
      ['20', 'Page 20', null, '2022-03-07T14:02:00'],
      ['22', 'Introduction to the Millennium Edition', null, '2022-03-07T01:20:00'],
    ]);
    expect(record.highlights[0]!.text).toMatch(/^tics to a degree neither side could have imagined/);
    expect(record.highlights[1]!.text).toBe(
      'valued at $10 billion may not be worth a dime. As expectations turn to reality, the winners will be more obvious than they are today. Investors who see this will have time to act on their “edge.”',
    );
  });

  it('reads a multi-line note and the `BOOX Reading Notes` first line', async () => {
    const dir = folder('older');
    fs.writeFileSync(
      path.join(dir, 'fundacion.txt'),
      [
        'BOOX Reading Notes | <<Trilogia de la Fundacion>>',
        'Isaac Asimov',
        'Cuarta parte. Los comerciantes',
        'Time：2021-08-18 07:10',
        '【Original Text】—Si el intento de comerciar fuera deliberado.',
        '—Alocado',
        '【Annotations】test',
        '',
        'test',
        '【Page Number】443',
        '-------------------',
        '',
      ].join('\n'),
    );
    const run = await runCli([path.join(dir, 'fundacion.txt')]);
    const [record] = JSON.parse(run.stdout) as Array<{ title: string; authors: string[]; highlights: Array<{ text: string; note: string; page: string; location: string }> }>;
    expect([record!.title, record!.authors]).toEqual(['Trilogia de la Fundacion', ['Isaac Asimov']]);
    expect(record!.highlights.map((highlight) => [highlight.text, highlight.note, highlight.page, highlight.location])).toEqual([
      ['—Si el intento de comerciar fuera deliberado.\n—Alocado', 'test\n\ntest', '443', 'Cuarta parte. Los comerciantes'],
    ]);
  });
});

describe('Boox detection', () => {
  it('takes the Boox fixtures and no other file', () => {
    expect(detectedBy(boox).filter((file) => !file.startsWith('fixtures/boox/'))).toEqual([]);
    expect(detectedBy(boox).filter((file) => file.startsWith('fixtures/boox/'))).toHaveLength(5);
  });

  it('takes no plain note that only looks like an export', () => {
    const not = (text: string, name = 'note.txt') => boox.detect({ name, text });
    // The first line alone: no dated entry, no separator.
    expect(not('Reading Notes | <<A Book>>Someone\nI liked it.\n')).toBe(false);
    // A dated line without the `<<title>>` first line.
    expect(not('My notes\n2023-04-03 00:41  |  Page No.: 6\ntext\n-------------------\n')).toBe(false);
    // Markdown is not the export.
    expect(not('Reading Notes | <<A>>B\n2023-04-03 00:41  |  Page No.: 6\ntext\n-------------------\n', 'note.md')).toBe(false);
    expect(not('Reading Notes | <<A>>B\n2023-04-03 00:41  |  Page No.: 6\ntext\n-------------------\n')).toBe(true);
  });

  it('leaves a plain text note to the text reader', async () => {
    const dir = folder('plain');
    fs.writeFileSync(path.join(dir, 'plain.txt'), 'Reading Notes | <<A Book>>Someone\n\nI liked it a lot.\n-------------------\nMore later.\n');
    const run = await runCli([path.join(dir, 'plain.txt')]);
    const [record] = JSON.parse(run.stdout) as Array<{ format: string; highlights: unknown[] }>;
    expect([record!.format, record!.highlights]).toEqual(['text', []]);
  });
});

describe('a folder of Boox exports through the binary', () => {
  it('gives one record per book with every highlight', async () => {
    const dir = folder('shelf');
    for (const file of fs.readdirSync('fixtures/boox').filter((name) => name.endsWith('.txt'))) fs.copyFileSync(path.join('fixtures/boox', file), path.join(dir, file));
    const run = await runCli([dir]);
    expect(run.exitCode).toBe(0);
    const records = JSON.parse(run.stdout) as Array<{ format: string; title: string; highlights: unknown[] }>;
    expect(records.map((record) => [record.format, record.title, record.highlights.length]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual(
      [
        ['boox', 'Building a Second Brain -- A Proven Method', 4],
        ['boox', 'Harari_Eine-kurze-Geschichte-der-Menschheit', 14],
        ['boox', 'One Up on Wall Street - Peter Lynch & John Rothchild (952)', 4],
        ['boox', 'Чистая архитектура', 7],
        ['boox', '我们为什么上瘾', 26],
      ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
  });
});
