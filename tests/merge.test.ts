/**
 * One library across sources (#14): the work key, --merge, --since and
 * `ingest diff`, each through the real binary; the pure parts beside them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeHighlights } from '../src/merge.js';
import type { Highlight } from '../src/schema.js';
import { parseSince } from '../src/since.js';
import { familyName, foldTitle, foldUrl, isbn13 } from '../src/work.js';
import { runCli, withoutSummary } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-merge-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Row {
  work: string;
  title: string;
  sources: Array<{ format: string }>;
  highlights: Array<{ text: string; note: string | null; key: string; highlightedAt: string | null; url: string | null }>;
}
const ndjson = (stdout: string): Row[] => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);

/** A Kindle clipping block, dated as Kindle writes it. */
function clipping(title: string, location: number, when: Date, text: string): string {
  const day = when.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  const time = when.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' });
  return `${title}\n- Your Highlight on Location ${location}-${location + 1} | Added on ${day} ${time}\n\n${text}\n==========\n`;
}

describe('the work key', () => {
  it('folds titles, subtitles and edition marks, and names the first author by family name', () => {
    expect(foldTitle('Atomic Habits: An Easy & Proven Way to Build Good Habits & Break Bad Ones')).toBe('atomic habits');
    expect(foldTitle('Thinking, Fast and Slow (Kindle Edition)')).toBe('thinking fast and slow');
    expect(foldTitle('The Pragmatic Programmer, 20th Anniversary Edition')).toBe('pragmatic programmer');
    expect(foldTitle('#384 — David Allen — The Art of Getting Things Done (GTD)')).toBe('384 david allen the art of getting things done gtd');
    expect(foldTitle('Café Society — A History of Coffee')).toBe('cafe society');
    expect(familyName('Clear, James')).toBe('clear');
    expect(familyName('James Clear')).toBe('clear');
    expect(familyName('Martin Luther King Jr.')).toBe('king');
    expect(familyName('Colin Bryar and Bill Carr')).toBe('bryar');
    expect(familyName('(美)卡尔·纽波特 著；宋伟 译')).toBe('卡尔·纽波特');
    expect(isbn13('0-306-40615-2')).toBe('9780306406157');
    expect(isbn13('978-0-306-40615-7')).toBe('9780306406157');
    expect(isbn13('978-0-306-40615-8')).toBeNull();
    expect(foldUrl('https://www.paulgraham.com/greatwork.html')).toBe(foldUrl('http://paulgraham.com/greatwork.html/'));
  });

  it('is shared by a Reader export and a web clipping of one article, without --merge', async () => {
    const run = await runCli(['fixtures/merge-article', '--exclude', 'SOURCES.md', '-f', 'ndjson', '--no-cache']);
    const rows = ndjson(run.stdout);
    expect(rows.map((row) => row.sources[0]!.format).sort()).toEqual(['readwise', 'web-clipper']);
    expect(new Set(rows.map((row) => row.work))).toEqual(new Set(['url:stephango.com/vault']));
  });
});

const highlight = (text: string, more: Partial<Highlight> = {}): Highlight => ({
  text, markdown: text, url: null, id: null, key: `h:${text}`, location: null, page: null, color: null, tags: [], note: null, highlightedAt: null, ...more,
});

describe('highlights of one work', () => {
  it('are one when equal after folding, or when one holds the other as whole words (three or more)', () => {
    const merged = mergeHighlights([
      highlight('The quality of our lives depends on the quality of our habits, and', { location: 'Location 10', tags: ['a'] }),
      highlight('“the quality of our lives depends on the quality of our habits”', { note: 'Key idea.', highlightedAt: '2024-01-02', tags: ['b'] }),
      highlight('It was the end.'),
      highlight('It was the endless summer of that year.'),
      highlight('Yes.'),
      highlight('Yes, it was.'),
    ]);
    expect(merged.map((one) => [one.text, one.note, one.tags, one.location, one.highlightedAt])).toEqual([
      ['The quality of our lives depends on the quality of our habits, and', 'Key idea.', ['a', 'b'], 'Location 10', '2024-01-02'],
      ['It was the end.', null, [], null, null],
      ['It was the endless summer of that year.', null, [], null, null],
      ['Yes.', null, [], null, null],
      ['Yes, it was.', null, [], null, null],
    ]);
  });
});

describe('--merge', () => {
  it('makes a Kindle clippings file and a Readwise export of one book one work, with no duplicate highlight and the note from either', async () => {
    const run = await runCli(['fixtures/merge-kindle-readwise', '--exclude', 'SOURCES.md', '-f', 'ndjson', '--merge', '--no-cache', '--verbose']);
    const rows = ndjson(run.stdout);
    expect(rows).toHaveLength(1);
    const [book] = rows as [Row];
    expect([book.work, book.title, book.sources.map((source) => source.format)]).toEqual(['title:atomic habits|clear', 'Atomic Habits', ['readwise', 'kindle-clippings']]);
    const texts = book.highlights.map((highlight) => highlight.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    // No highlight is inside another one.
    for (const text of texts) expect(texts.filter((other) => other !== text && other.includes(text))).toEqual([]);
    const ally = book.highlights.find((highlight) => highlight.text.startsWith('Good habits make time your ally'))!;
    expect([ally.note, ally.highlightedAt, ally.url]).toEqual(['Time compounds both ways.', '2024-01-14T21:12:03', 'https://readwise.io/to_kindle?action=open&asin=B07D23CFGR&location=290']);
    // Extended on the Kindle: the longer text, with the export's link.
    const results = book.highlights.filter((highlight) => /forget about setting goals/.test(highlight.text));
    expect(results.map((highlight) => highlight.text)).toEqual(['If you want better results, then forget about setting goals. Focus on your system instead.']);
    expect(results[0]!.url).toMatch(/location=369$/);
    expect(book.highlights).toHaveLength(34);
    expect(run.stderr).toMatch(/title: kept "Atomic Habits" \(readwise, .*\) over "Atomic Habits: An Easy .*" \(kindle-clippings, .*\) {2}merge-conflict/);
    expect(run.stderr).toMatch(/2 documents: 1 written, 1 merged, 0 not ingested/);
  });

  it('merges two editions and a subtitle difference of one book, and not two books of one title by different authors', async () => {
    const editions = ndjson((await runCli(['fixtures/merge-editions', '--exclude', 'SOURCES.md', '-f', 'ndjson', '--merge', '--no-cache'])).stdout);
    expect(editions.map((row) => [row.work, row.sources.length, row.highlights.length])).toEqual([
      ['title:deep work|newport', 2, 2],
      ['title:thinking fast and slow|kahneman', 2, 1],
    ]);
    const sameTitle = ndjson((await runCli(['fixtures/merge-same-title', '--exclude', 'SOURCES.md', '-f', 'ndjson', '--merge', '--no-cache'])).stdout);
    expect(sameTitle.map((row) => row.work)).toEqual(['title:emergency|hildyard', 'title:emergency|strauss']);
  });

  it('is the Markdown digest default (--no-merge turns it off); JSON and NDJSON merge only when asked', async () => {
    const merged = await runCli(['fixtures/merge-kindle-readwise', '--exclude', 'SOURCES.md', '-f', 'md', '--no-cache']);
    expect(merged.stdout).toMatch(/^# Research digest\n\n1 document · 34 highlights/);
    expect(merged.stdout).toMatch(/merged from fixtures\/merge-kindle-readwise\/Atomic Habits\.md \(readwise\), fixtures\/merge-kindle-readwise\/My Clippings\.txt \(kindle-clippings\)/);
    const apart = await runCli(['fixtures/merge-kindle-readwise', '--exclude', 'SOURCES.md', '-f', 'md', '--no-merge', '--no-cache']);
    expect(apart.stdout).toMatch(/^# Research digest\n\n2 documents · 36 highlights/);
    expect(ndjson((await runCli(['fixtures/merge-kindle-readwise', '--exclude', 'SOURCES.md', '-f', 'ndjson', '--no-cache'])).stdout)).toHaveLength(2);
  });
});

describe('--since', () => {
  const notes = path.join(work, 'since');
  fs.mkdirSync(notes);
  const book = 'The Weekly Book (Writer, Wanda)';
  const january = (day: number) => new Date(2024, 0, day, 9, 30, 0);
  fs.writeFileSync(
    path.join(notes, 'My Clippings.txt'),
    clipping(book, 10, january(14), 'The first highlight, made on the fourteenth.') +
      clipping(book, 20, january(15), 'The second highlight, made on the fifteenth.') +
      clipping(book, 30, january(16), 'The third highlight, made on the sixteenth.') +
      clipping('An Old Book (Elder, Ed)', 5, january(2), 'An old highlight from the second of January.'),
  );

  it('keeps the highlights made on or after a day, and only documents that still have some', async () => {
    const run = await runCli([notes, '-f', 'ndjson', '--since', '2024-01-15', '--no-cache']);
    expect(run.exitCode).toBe(0);
    const rows = ndjson(run.stdout);
    expect(rows.map((row) => [row.title, row.highlights.map((highlight) => highlight.highlightedAt)])).toEqual([
      ['The Weekly Book', ['2024-01-15T09:30:00', '2024-01-16T09:30:00']],
    ]);
    expect(run.stderr).toMatch(/2 documents: 1 written, 1 left out by --since, 0 not ingested · 2 highlights/);
  });

  it('takes Nd and Nw back from today, and the digest says the period', async () => {
    const recent = path.join(work, 'recent');
    fs.mkdirSync(recent);
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    fs.writeFileSync(
      path.join(recent, 'My Clippings.txt'),
      clipping(book, 10, daysAgo(0), 'Made today.') + clipping(book, 20, daysAgo(10), 'Made ten days ago.') + clipping(book, 30, daysAgo(40), 'Made forty days ago.'),
    );
    const week = ndjson((await runCli([recent, '-f', 'ndjson', '--since', '7d', '--no-cache'])).stdout);
    expect(week.flatMap((row) => row.highlights.map((highlight) => highlight.text))).toEqual(['Made today.']);
    const month = ndjson((await runCli([recent, '-f', 'ndjson', '--since', '5w', '--no-cache'])).stdout);
    expect(month.flatMap((row) => row.highlights.map((highlight) => highlight.text))).toEqual(['Made today.', 'Made ten days ago.']);
    const digest = await runCli([recent, '-f', 'md', '--since', '7d', '--no-cache']);
    const sevenDaysAgo = daysAgo(7);
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${sevenDaysAgo.getFullYear()}-${pad(sevenDaysAgo.getMonth() + 1)}-${pad(sevenDaysAgo.getDate())}`;
    expect(digest.stdout).toMatch(new RegExp(`^# Research digest\\n\\nSince ${day} \\(7d\\): 1 document · 1 highlight`));
  });

  it('reads a day, days or weeks back from the day it is given, and refuses anything else', async () => {
    expect(parseSince('7d', '2024-03-08')).toEqual({ date: '2024-03-01', given: '7d' });
    expect(parseSince('2w', '2024-03-08')).toEqual({ date: '2024-02-23', given: '2w' });
    expect(parseSince('0d', '2024-03-08')?.date).toBe('2024-03-08');
    expect(parseSince('2024-02-29', '2024-03-08')?.date).toBe('2024-02-29');
    expect(parseSince('2023-02-29', '2024-03-08')).toBeNull();
    expect(parseSince('last week', '2024-03-08')).toBeNull();
    const refused = await runCli(['seeds', '--since', 'yesterday']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--since takes a day \(2024-03-01\) or a number of days or weeks back \(7d, 2w\), not "yesterday"/);
  });
});

describe('ingest diff', () => {
  const notes = path.join(work, 'diff-notes');
  const readwise = (title: string, items: string[]) => `# ${title}\n\n## Metadata\n- Author: [[Ann Author]]\n- Full Title: ${title}\n- Category: #books\n\n## Highlights\n${items.join('\n')}\n`;

  it('says what was added, changed and removed, by work and highlight key, as NDJSON and as a What’s new digest', async () => {
    fs.mkdirSync(notes);
    fs.writeFileSync(path.join(notes, 'a.md'), readwise('Alpha Book', ['- Kept as it is.', '- Gets a note later.', '- Is removed later on.', '- Short at first.']));
    fs.writeFileSync(path.join(notes, 'b.md'), readwise('Beta Book', ['- Only in the first run.']));
    const before = path.join(work, 'yesterday.ndjson');
    const after = path.join(work, 'today.ndjson');
    expect((await runCli([notes, '-f', 'ndjson', '--merge', '--no-cache', '-o', before])).exitCode).toBe(0);
    fs.writeFileSync(path.join(notes, 'a.md'), readwise('Alpha Book', ['- Kept as it is.', '- Gets a note later.\n    - Note: Now it has one.', '- Short at first, and extended on the second day.', '- Brand new.']));
    fs.rmSync(path.join(notes, 'b.md'));
    fs.writeFileSync(path.join(notes, 'c.md'), readwise('Gamma Book', ['- A new book’s highlight.']));
    expect((await runCli([notes, '-f', 'ndjson', '--merge', '--no-cache', '-o', after])).exitCode).toBe(0);

    const run = await runCli(['diff', before, after]);
    expect(run.exitCode).toBe(0);
    const changes = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { change: string; work: string; fields?: string[]; highlight?: { text: string }; document?: unknown });
    const brief = changes.map((change) => [change.change, change.work, change.highlight ? change.highlight.text : 'document', ...(change.fields ? [change.fields.join(',')] : [])]);
    expect(brief).toEqual([
      ['changed', 'title:alpha book|author', 'Gets a note later.', 'note'],
      ['changed', 'title:alpha book|author', 'Short at first, and extended on the second day.', 'text'],
      ['added', 'title:alpha book|author', 'Brand new.'],
      ['removed', 'title:alpha book|author', 'Is removed later on.'],
      ['added', 'title:gamma book|author', 'document'],
      ['added', 'title:gamma book|author', 'A new book’s highlight.'],
      ['removed', 'title:beta book|author', 'document'],
      ['removed', 'title:beta book|author', 'Only in the first run.'],
    ]);
    expect(run.stderr).toBe('ingest diff: documents +1 ~0 -1 · highlights +2 ~2 -2\n');

    const digest = await runCli(['diff', before, after, '--format', 'md']);
    expect(digest.stdout).toContain(`# What's new\n\nFrom ${before} to ${after}: 1 document added, 1 removed · 2 highlights added, 2 changed, 2 removed.`);
    expect(digest.stdout).toContain('## Alpha Book\n\n**Added**\n\n> Brand new.\n\n**Changed**\n\n> Gets a note later.\n\nNote: Now it has one.\n\nNote was: none');
    expect(digest.stdout).toContain('## Gamma Book — Ann Author\n\n**New document**');
    expect(digest.stdout).toContain('## Beta Book — Ann Author\n\n**Removed document**');
    // Nothing changed: an empty NDJSON diff.
    const same = await runCli(['diff', after, after]);
    expect([same.exitCode, same.stdout]).toEqual([0, '']);
  });

  it('reports a line that is no record, and refuses a file it cannot read', async () => {
    const broken = path.join(work, 'broken.ndjson');
    fs.writeFileSync(broken, '{"id": "x"}\nnot json\n');
    const run = await runCli(['diff', broken, broken]);
    expect(run.exitCode).toBe(1);
    expect(withoutSummary(run.stderr)).toMatch(/broken\.ndjson:1:1 {2}error {2}not an ingest record of schema v3 .* {2}diff-input\n.*broken\.ndjson:2:1 {2}error {2}not a line of JSON {2}diff-input/);
    const missing = await runCli(['diff', path.join(work, 'nope.ndjson'), broken]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.ndjson: ENOENT/);
  });
});
