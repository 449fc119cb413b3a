/**
 * Real exports from other people's vaults (../shared/realworld, listed in
 * its MANIFEST.tsv): every Readwise-kind file yields a title and as many
 * highlights as it has highlight items; every Kindle clippings file one
 * record per book with the counts below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordSchema } from '../src/schema.js';
import { ROOT, collect } from './helpers.js';

const REALWORLD = path.resolve(ROOT, '..', 'shared', 'realworld');
const MANIFEST = path.join(REALWORLD, 'MANIFEST.tsv');
const present = fs.existsSync(MANIFEST);

const READWISE_KINDS = /^(readwise-|reader-|custom-frontmatter)/;

/**
 * [title, highlights, bookmarks] per book, in order of first appearance,
 * counted by hand: highlight clippings, less the earlier of each pair that
 * an extended or edited highlight repeats (same book, overlapping range,
 * one text holding the other), less those with no text.
 */
const KINDLE_BOOKS: Record<string, Array<[string, number, number]>> = {
  'GengMS__reading-record/My Clippings.txt': [
    ['刻意练习：如何从新手到大师', 57, 0], // and the note at #1849 on the highlight at #1849-1849
    ['浪潮之巅第4版', 5, 0],
    ['RabbitMQ实战指南 (朱忠华) (Z-Library)', 47, 1], // 54 clippings: 3 empty, 4 extended (#815-817, #736-739 twice, #2905-2906)
    ['如何阅读一本书 (莫提默．J．艾德勒 (Mortimer J. Adler) etc.) (Z-Library)', 9, 0],
    ['Michael Mosley, 咪咪·史宾赛, 谢佳真 - 轻断食_正在横扫全球的瘦身革命 (2014, 广东科技出版社) - libgen.li', 6, 0],
    ['17496328', 3, 0],
    ['夏萌 - 你是你吃出来的_吃对少生病，病了这样吃 (2017, 江西科学技术出版社) - libgen.li', 24, 0],
    ['稀缺-我们是如何陷入贫穷与忙碌的-美-穆来纳森-沙菲尔-寇特-布伦加-2018--annas-archive', 165, 0], // 168: 3 extended
    ['非暴力沟通-美-卢森堡-2016-华夏出版社--annas-archive', 10, 0],
  ],
  'MichalSternik__dotfiles/My Clippings.txt': [
    ['CODE', 0, 1],
    ['Rework', 3, 0],
    ['In the Beginning... Was the Command Line', 3, 0],
    ['The Coming of Conan the Cimmerian', 1, 0],
    ['Clojure for the Brave and True: Learn the Ultimate Language and Become a Better Programmer', 0, 2],
    ['Emergency', 6, 0],
    ['mergency', 1, 0], // the file's own corrupted title line
    ['Confession of a Buddhist Atheist', 36, 0], // 40: Loc. 1491-98 → 1491-1502, 2005-9 → 2007-9 → 1996-2009, 3573-77 → 3573-79
    ['Derrida', 3, 0], // 360-62 → 360-68
    ['The War of Art', 9, 1], // 309-13 → 305-13
    ['quine', 1, 0],
    ['Mindfulness in Plain English: 20th Anniversary Edition', 14, 0], // 95-97 → 95-99, 1247-49 → 1247-64 → 1247-69
  ],
  // No ========== lines (trimmed by its owner); the note comes before its highlight.
  'katrinleinweber__archive-my-kindle-clippings/My Clippings.txt': [['21 Lessons, for the 21st Century', 1, 0]],
};

// Skipped, with this name saying why, on a checkout without ../shared.
describe.skipIf(!present)(`real-world exports${present ? '' : ` (skipped: ${MANIFEST} is absent)`}`, async () => {
  const rows = present
    ? fs
        .readFileSync(MANIFEST, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
        .map(([file, , , , kind, , highlights]) => ({ file: file!, kind: kind!, highlights: Number(highlights) }))
    : [];
  const outcomes = present ? await collect(['.'], { cwd: REALWORLD }) : [];
  const byPath = new Map(outcomes.map((outcome) => [outcome.path, outcome]));

  it('ingests every file listed, and nothing is lost', () => {
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) expect(byPath.has(row.file), row.file).toBe(true);
    for (const outcome of outcomes) if (outcome.record) RecordSchema.parse(outcome.record);
  });

  it('reads each Kindle clippings file as one record per book, with the counts checked by hand', () => {
    for (const [file, books] of Object.entries(KINDLE_BOOKS)) {
      const list = outcomes.filter((outcome) => outcome.path === file).map((outcome) => outcome.record!);
      expect(list.every((record) => record.format === 'kindle-clippings' && record.kind === 'highlights' && record.category === 'books'), file).toBe(true);
      expect(list.map((record) => [record.title, record.highlights.length, record.extra['bookmarks']]), file).toEqual(books);
    }
    const german = outcomes.find((outcome) => outcome.path.startsWith('katrinleinweber'))!.record!;
    expect(german.highlights[0]).toMatchObject({
      location: 'Location 149-150',
      page: '10',
      note: 'What role does retreat / waldenponding / minimalism play to counter that??',
      highlightedAt: '2019-11-13T19:08:59',
    });
  });

  for (const row of rows.filter((r) => r.kind === 'plain-article')) {
    it(`${row.file}: a web clipping with its title, author and source`, () => {
      const record = byPath.get(row.file)?.record;
      expect(record!.title).toBeTruthy();
      expect(record!.authors).toEqual(['Steph Ango']);
      expect(record!.url).toMatch(/^https:\/\/stephango\.com\//);
      expect(record!.text.length).toBeGreaterThan(500);
    });
  }

  for (const row of rows.filter((r) => READWISE_KINDS.test(r.kind))) {
    it(`${row.file}: a title and ${row.highlights} highlights`, () => {
      const record = byPath.get(row.file)?.record;
      expect(record).toBeTruthy();
      expect(record!.title).toBeTruthy();
      expect(record!.highlights).toHaveLength(row.highlights);
      if (row.highlights > 0) expect(record!.kind).toBe('highlights');
    });
  }
});
