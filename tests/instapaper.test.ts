/**
 * Instapaper's CSV export (fixtures/instapaper, see its SOURCES.md) and the
 * notes of Instapaper's Obsidian plugin (fixtures/instapaper-notes): the
 * facts below were written by hand from the files before expected.json was
 * generated. And what the readers do not take: Readwise's CSV, Pocket's,
 * Readwise's notes of Instapaper articles, plain notes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instapaperCsv } from '../src/formats/instapaper/csv.js';
import { instapaperNotes } from '../src/formats/instapaper/notes.js';
import { readwiseCsv } from '../src/formats/readwise/csv.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, records, runCli, scratch } from './helpers.js';

const { folder } = scratch('instapaper');
const all = await records(['fixtures/instapaper'], { exclude: ['SOURCES.md'] });
const of = (file: string): IngestRecord[] => all.filter((record) => record.source.path.endsWith(file));
const byUrl = (file: string, url: string): IngestRecord => of(file).find((record) => record.url === url)!;

describe('Instapaper CSV export', () => {
  it('gives one record per article, a URL saved twice once, none with highlights', () => {
    expect([of('01-bookmarks.csv').length, of('02-wikileaks-reading-list.csv').length, of('03-everything2prompt.csv').length]).toEqual([70, 79, 79]);
    for (const record of all) expect([record.format, record.kind, record.category, record.highlights, record.authors]).toEqual(['instapaper', 'highlights', 'articles', [], []]);
    expect(of('03-everything2prompt.csv').filter((record) => record.url === 'https://ninapanickssery.substack.com/p/an-llm-codeforces-champion-is-not')).toHaveLength(1);
  });

  it('reads URL, title, folder and the time it was saved', () => {
    const [first] = of('01-bookmarks.csv');
    expect([first!.url, first!.title, first!.extra]).toEqual(['https://landings.dev/', 'Landings - Landing Page Examples', { folder: 'Unread', saved: '2023-08-23T03:55:14Z' }]);
    expect(byUrl('01-bookmarks.csv', 'https://tdingsun.github.io/lara/').title).toBe('and I still welcome you home,,,,');
    expect(byUrl('01-bookmarks.csv', 'http://chip.jfpossibilities.com/chip/debian/').title).toBe('JF Possibilities\' mirror of CHIP ".deb" repositories');
    expect(byUrl('01-bookmarks.csv', 'https://github.com/linuxdotexe/nordic-wallpapers/blob/master/wallpaper-preview.md').title).toBeNull();
    // The old header has no Timestamp: no `saved`.
    const spiegel = of('02-wikileaks-reading-list.csv')[0]!;
    expect([spiegel.url, spiegel.title, spiegel.extra]).toEqual([
      'http://www.spiegel.de/international/germany/0,1518,719619,00.html',
      "WikiLeaks Spokesman Quits: 'The Only Option Left for Me Is an Orderly Departure' - SPIEGEL ONLINE - News - International",
      { folder: 'Wikileaks reading list' },
    ]);
    expect(byUrl('02-wikileaks-reading-list.csv', 'http://www.xs4all.nl/~suelette/underground/underground.txt').title).toBeNull();
    expect(of('02-wikileaks-reading-list.csv').filter((record) => record.extra['folder'] === 'WL original leaks').map((record) => record.title)).toEqual([
      'Loveparade_2010_Duisburg_planning_documents,_2007-2010',
    ]);
  });

  it('reads the Tags column, a JSON array, as tags', () => {
    const claude = of('03-everything2prompt.csv')[0]!;
    expect([claude.title, claude.tags, claude.extra]).toEqual(['Claude', [], { folder: 'Unread', saved: '2025-07-27T10:36:28Z' }]);
    const leadership = byUrl('03-everything2prompt.csv', 'https://www.benkuhn.net/leadcats/');
    expect([leadership.title, leadership.tags, leadership.extra['folder']]).toEqual(['Categories of leadership on technical teams', ['optimisation', 'work'], 'Starred']);
    expect(byUrl('03-everything2prompt.csv', 'https://ninapanickssery.substack.com/p/baby').tags).toEqual(['people']);
  });

  it('keeps Selection as the summary: a passage or a remark, never a highlight', () => {
    expect(byUrl('03-everything2prompt.csv', 'https://www.lesswrong.com/posts/beREnXhBnzxbJtr8k/mech-interp-is-not-pre-paradigmatic').summary).toBe(
      "Epistemic status: Vague and handwavy. Nuance is often missing. Some of the claims depend on implicit definitions that may be reasonable to disagree with. But overall I think it's directionally true.",
    );
    expect(byUrl('03-everything2prompt.csv', 'https://www.alignmentforum.org/posts/PwnadG4BFjaER3MGf/interpretability-will-not-reliably-find-deceptive-ai').summary).toBe('isolated demand for rigor');
    const wikileaks = of('02-wikileaks-reading-list.csv');
    expect(wikileaks.filter((record) => record.summary !== null)).toHaveLength(15);
    expect(byUrl('02-wikileaks-reading-list.csv', 'http://edition.cnn.com/2010/US/11/29/wikileaks/index.html').summary).toBe('this is a key read.');
    expect(byUrl('02-wikileaks-reading-list.csv', 'http://www.nytimes.com/2010/12/19/magazine/19FOB-Medium-t.html?_r=2').summary).toMatch(
      /^oups use Tor, as do journalists, private citizens and the military,[^]*Tor is by design not a media project or a human rights one or \(anymore\) a military one\.\n\nJacob Appelbaum, a developer for Tor/,
    );
    expect(of('01-bookmarks.csv').every((record) => record.summary === null)).toBe(true);
  });
});

describe('what the Instapaper reader takes', () => {
  it('takes the Instapaper fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(instapaperCsv)).toEqual(['fixtures/instapaper/01-bookmarks.csv', 'fixtures/instapaper/02-wikileaks-reading-list.csv', 'fixtures/instapaper/03-everything2prompt.csv']);
  });

  it('takes Instapaper’s header only: not Readwise’s CSV, not Pocket’s list', () => {
    const takes = (text: string, name = 'export.csv'): boolean => instapaperCsv.detect({ name, text });
    expect(takes('URL,Title,Selection,Folder,Timestamp,Tags\nhttps://a.test/,A,,Unread,1700000000,[]\n')).toBe(true);
    expect(takes('URL,Title,Selection,Folder\nhttps://a.test/,A,,Unread\n')).toBe(true);
    expect(takes('URL,Title,Selection,Folder\nhttps://a.test/,A,,Unread\n', 'export.txt')).toBe(false);
    expect(takes('title,url,time_added,cursor,tags,status\nA,https://a.test/,1700000000,1,,unread\n')).toBe(false);
    expect(takes('Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n')).toBe(false);
    const readwise = fs.readFileSync('fixtures/instapaper/03-everything2prompt.csv', 'utf8');
    expect(readwiseCsv.detect({ name: 'instapaper.csv', text: readwise })).toBe(false);
  });

  it('through the binary: a folder holding an Instapaper export gives one record per article', async () => {
    const dir = folder('walked');
    fs.copyFileSync('fixtures/instapaper/03-everything2prompt.csv', path.join(dir, 'instapaper-export.csv'));
    fs.writeFileSync(path.join(dir, 'other.csv'), 'name,value\na,b\n');
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(lines).toHaveLength(79);
    expect(new Set(lines.map((record) => record.format))).toEqual(new Set(['instapaper']));
    expect(new Set(lines.map((record) => record.id)).size).toBe(79);
  });
});

const notes = await records(['fixtures/instapaper-notes'], { exclude: ['SOURCES.md'] });
const note = (file: string): IngestRecord => notes.find((record) => record.source.path.endsWith(`/${file}`))!;

describe('Instapaper plugin notes', () => {
  it('reads the article from the properties and the file name', () => {
    const aldi = note('The Curious Cult of Aldi.md');
    expect([aldi.format, aldi.kind, aldi.title, aldi.authors, aldi.url, aldi.published, aldi.category, aldi.extra]).toEqual([
      'instapaper-notes',
      'highlights',
      'The Curious Cult of Aldi',
      ['Deena Shanker'],
      'https://www.bloomberg.com/news/features/2026-01-06/german-grocer-aldi-built-an-american-empire-on-discounts-and-deals',
      '2026-01-06',
      'articles',
      { saved: '2026-01-10', articleId: '1958404182' },
    ]);
    // No `pubdate`: not published when saved.
    expect([note('ADHD drugs work, but not the way experts thought.md').published, note('ADHD drugs work, but not the way experts thought.md').extra['saved']]).toEqual([null, '2026-01-08']);
    expect([note('中國當代的社會不滿：抽象表達，重新編碼「統治合法性」.md').title, note('中國當代的社會不滿：抽象表達，重新編碼「統治合法性」.md').authors]).toEqual([
      '中國當代的社會不滿：抽象表達，重新編碼「統治合法性」',
      ['王穎芝'],
    ]);
    // `Untitled-<id>` is the plugin's name for an article without a title: none is kept.
    expect(note('Untitled-1959919847.md').title).toBeNull();
    // The `title` property, when enabled, over the file name (which lost its colon); tags as the plugin wrote them.
    const constructed = note('An Article With a Colon.md');
    expect([constructed.title, constructed.tags, constructed.published, constructed.extra]).toEqual(['An Article: With a Colon', ['2026_', 'reading-list'], '2026-01-18', { saved: '2026-01-20' }]);
  });

  it('reads every highlight: text without the quote marks, the link, the highlight id, the note', () => {
    const aldi = note('The Curious Cult of Aldi.md').highlights;
    expect(aldi.map((highlight) => [highlight.id, highlight.url, highlight.note])).toEqual([
      ['26431604', 'https://www.instapaper.com/read/1958404182/26431604', null],
      ['26432829', 'https://www.instapaper.com/read/1958404182/26432829', null],
    ]);
    expect(aldi[1]!.text).toBe(
      'Aldi workers are incentivized to work efficiently, measured on everything including the speed of swiping at checkout and how quickly they can unload bulk deliveries. And they’re paid better too: The typical salary of an Aldi store worker is about 18% higher than the retail industry average, according to Revelio',
    );
    // Every line quoted (the first template): one highlight of two paragraphs.
    const adhd = note('ADHD drugs work, but not the way experts thought.md').highlights;
    expect(adhd).toHaveLength(2);
    expect(adhd[0]!.text).toBe(
      'The stimulants Ritalin and Adderall have been used to treat attention-deficit/hyperactivity disorder (ADHD) for decades, but research shows they don’t act on the brain’s attention circuitry as had long been assumed.\n\nInstead, the medications primarily target the brain’s reward and wakefulness centers, according to a new study published in the journal Cell.',
    );
    expect(note('中國當代的社會不滿：抽象表達，重新編碼「統治合法性」.md').highlights).toHaveLength(9);
    expect(note('中國當代的社會不滿：抽象表達，重新編碼「統治合法性」.md').highlights[8]!.text).toBe(
      '長期的、無聲的不滿仍在積累，在推高風險。如果沒有真正承接不滿的制度空間，這些被抽象化、被轉移的不滿，最終會以什麼形式回到現實？恐怕這並不是一個不會做減法的人能夠想象和解決的。',
    );
    expect(note('Untitled-1959919847.md').highlights.map((highlight) => highlight.id)).toEqual(['26417780', '26418819']);
    // The default template: `^h<id>` ends a highlight; a second paragraph is not quoted; notes of one or more paragraphs.
    const constructed = note('An Article With a Colon.md').highlights;
    expect(constructed.map((highlight) => [highlight.text, highlight.note, highlight.id, highlight.url])).toEqual([
      ["The plugin's default template quotes only the first line of a highlight.", 'A note the reader wrote, on one line.', '26600001', null],
      ['A second highlight without a note.', null, '26600002', null],
      ['A highlight of two paragraphs.\n\nIts second paragraph is not quoted by the default template.', 'Note with **Markdown**.\n\nAnd a second paragraph.', '26600003', null],
    ]);
  });

  it('takes its fixtures and no other file; not Readwise’s notes of Instapaper articles, which stay Readwise’s', async () => {
    expect(detectedBy(instapaperNotes)).toEqual([
      'fixtures/instapaper-notes/ADHD drugs work, but not the way experts thought.md',
      'fixtures/instapaper-notes/An Article With a Colon.md',
      'fixtures/instapaper-notes/The Curious Cult of Aldi.md',
      'fixtures/instapaper-notes/Untitled-1959919847.md',
      'fixtures/instapaper-notes/中國當代的社會不滿：抽象表達，重新編碼「統治合法性」.md',
    ]);
    const takes = (text: string, name = 'note.md'): boolean => instapaperNotes.detect({ name, text });
    // A block id in any note is not enough without the plugin's `url` property.
    expect(takes('# Note\n\n> a quote ^h12345\n')).toBe(false);
    expect(takes('---\nurl: https://example.com/a\n---\n> a quote ^h12345\n')).toBe(true);
    expect(takes('A link to [an article](https://www.instapaper.com/read/1181098140) in a plain note.\n')).toBe(false);
    // Readwise's export of an Instapaper article: `([View Highlight](https://instapaper.com/read/…))` list items.
    const [readwise] = await records(['fixtures/templates-real/readwise/tylerpaige-bad-news.md']);
    expect([readwise!.format, readwise!.category, readwise!.highlights.length, readwise!.highlights[0]!.url]).toEqual([
      'readwise',
      'articles',
      5,
      'https://instapaper.com/read/761994175/3135668',
    ]);
  });

  it('through the binary: a folder of plugin notes gives one record per article with every highlight', async () => {
    const dir = folder('notes');
    for (const file of fs.readdirSync('fixtures/instapaper-notes').filter((name) => name.endsWith('.md') && name !== 'SOURCES.md')) fs.copyFileSync(path.join('fixtures/instapaper-notes', file), path.join(dir, file));
    const run = await runCli([dir, '--no-cache', '-f', 'json']);
    expect(run.exitCode).toBe(0);
    const found = JSON.parse(run.stdout) as Array<{ format: string; url: string; highlights: unknown[] }>;
    expect(found.map((record) => [record.format, record.highlights.length]).sort()).toEqual(
      [
        ['instapaper-notes', 2],
        ['instapaper-notes', 2],
        ['instapaper-notes', 2],
        ['instapaper-notes', 3],
        ['instapaper-notes', 9],
      ].sort(),
    );
  });
});
