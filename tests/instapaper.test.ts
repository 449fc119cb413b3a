/**
 * Instapaper's CSV export (fixtures/instapaper, see its SOURCES.md): the
 * facts below were written by hand from the files before expected.json was
 * generated. And what the reader does not take: Readwise's CSV, Pocket's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instapaperCsv } from '../src/formats/instapaper/csv.js';
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
