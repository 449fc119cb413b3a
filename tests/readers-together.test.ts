/**
 * The readers of #26 together, through the binary: a folder as a reader
 * keeps it (a Kobo's KoboReader.sqlite, KOReader's .sdr sidecars, a Kindle
 * clippings file, Pocket's annotations export, a WeRead vault's notes) gives one record per book or
 * article with every highlight, and `--merge` joins a book read on Kindle
 * and highlighted again on Kobo or in KOReader, which the digest shows once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-together-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Constructed (no real file has these books on Kindle too): Kindle
 * clippings of two books the Kobo and KOReader fixtures hold, in the
 * clippings' own form.
 */
const CLIPPINGS = [
  'The Art of War (Sun Tzu)',
  '- Your Highlight on page 3 | Location 40-41 | Added on Monday, March 4, 2024 7:01:02 PM',
  '',
  'All warfare is based on deception.',
  '==========',
  'Frankenstein (Mary Shelley)',
  '- Your Highlight on Location 112-113 | Added on Tuesday, March 5, 2024 8:00:00 AM',
  '',
  'Beware; for I am fearless, and therefore powerful.',
  '==========',
  '',
].join('\r\n');

interface Row {
  title: string;
  format: string;
  sources: Array<{ format: string }>;
  highlights: unknown[];
}

describe('a reader’s folder', () => {
  it('gives one record per book with every highlight, and --merge joins a book read on Kindle and again on Kobo or in KOReader', async () => {
    const folder = path.join(work, 'library');
    fs.mkdirSync(path.join(folder, '.kobo'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'kobo-sqlite', '03-recalldaily', 'KoboReader.sqlite'), path.join(folder, '.kobo', 'KoboReader.sqlite'));
    fs.cpSync(path.join(ROOT, 'fixtures', 'koreader', 'pg42324.sdr'), path.join(folder, 'books', 'pg42324.sdr'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'fixtures', 'koreader', 'the_prophet.sdr'), path.join(folder, 'books', 'the_prophet.sdr'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'My Clippings.txt'), CLIPPINGS);
    // A WeRead vault's notes, as the plugin keeps them.
    fs.mkdirSync(path.join(folder, 'vault', 'WeRead'), { recursive: true });
    for (const note of ['01-learning-webrtc.md', '03-xiaowangzi.md']) fs.copyFileSync(path.join(ROOT, 'fixtures', 'weread', note), path.join(folder, 'vault', 'WeRead', note));
    // Pocket's export zip, unpacked where the user downloaded it.
    fs.mkdirSync(path.join(folder, 'pocket', 'annotations'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'pocket', '01-broadsheet.json'), path.join(folder, 'pocket', 'annotations', 'part_000000.json'));
    // A dot-folder is not walked: the Kobo database is named, as a user copies it.
    const inputs = [folder, path.join(folder, '.kobo', 'KoboReader.sqlite')];
    const separate = await runCli([...inputs, '-f', 'ndjson', '--no-cache', '--no-merge']);
    expect(separate.exitCode, separate.stderr).toBe(0);
    const rows = separate.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row);
    const byFormat = (format: string) => rows.filter((row) => row.format === format).map((row) => `${row.title}: ${row.highlights.length}`).sort();
    expect(byFormat('kobo-sqlite')).toEqual(['The Art of War: 4']);
    expect(byFormat('koreader')).toEqual(['Frankenstein: 4', 'The Prophet: 3']);
    expect(byFormat('kindle-clippings')).toEqual(['Frankenstein: 1', 'The Art of War: 1']);
    expect(byFormat('pocket')).toEqual([
      'Are you a time optimist? Why some people are perennially late – and how to: 2',
      'How to Spot an Incompetent Leader: 3',
      'The Rise and Fall of Getting Things Done: 1',
      'Why So Many Smart People Aren’t Happy: 1',
      '‘We’re sedating women with self-care’: how we became obsessed with wellness: 2',
    ]);
    expect(rows).toHaveLength(1 + 2 + 2 + 5 + 2);
    expect(byFormat('weread')).toEqual(['Learning WebRTC: 27', '小王子: 30']);

    const merged = await runCli([...inputs, '-f', 'ndjson', '--no-cache', '--merge']);
    const works = merged.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row);
    const war = works.find((row) => row.title === 'The Art of War')!;
    expect(war.sources.map((ref) => ref.format).sort()).toEqual(['kindle-clippings', 'kobo-sqlite']);
    expect(war.highlights).toHaveLength(5);
    const frankenstein = works.find((row) => row.title === 'Frankenstein')!;
    expect(frankenstein.sources.map((ref) => ref.format).sort()).toEqual(['kindle-clippings', 'koreader']);
    expect(frankenstein.highlights).toHaveLength(5);

    const digest = await runCli([...inputs, '-f', 'md', '--no-cache', '-q', '--review', '0']);
    expect(digest.stdout.match(/^- \[The Art of War\]/gm)).toHaveLength(1);
    expect(digest.stdout.match(/^- \[Frankenstein\]/gm)).toHaveLength(1);
  });
});
