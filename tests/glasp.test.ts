/**
 * Glasp notes (glasp-co/obsidian-glasp-plugin): the real notes in
 * fixtures/glasp (SOURCES.md), with facts written by hand from the files,
 * and the shapes of the plugin's output no collected note shows (written
 * from its src/core/import-highlights/normalize-*.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { glasp } from '../src/formats/glasp/glasp.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, recordsOf, runCli, scratch } from './helpers.js';

const notes = await recordsOf('glasp');
const note = (name: string): IngestRecord => notes.get(name)!;

describe('Glasp: real notes', () => {
  it('are all read as glasp highlights', () => {
    expect([...notes.keys()].map((name) => [name, note(name).format, note(name).highlights.length])).toEqual([
      ['Eternity Now.md', 'glasp', 5],
      ['Four Quartets.md', 'glasp', 3],
      ['Nuxt.js server directory.md', 'glasp', 23],
    ]);
    expect([...notes.values()].flatMap((record) => record.diagnostics)).toEqual([]);
  });

  it('a Kindle import: title from the file name, author, ASIN, thumbnail, entities decoded', () => {
    const record = note('Four Quartets.md');
    expect(record).toMatchObject({
      title: 'Four Quartets',
      authors: ['T. S. Eliot'],
      url: 'https://www.amazon.com/dp/B08K7NTBZX',
      category: 'books',
      image: 'https://m.media-amazon.com/images/I/512xzLHK1YL.jpg',
      tags: [],
      text: '',
    });
    expect(record.extra).toEqual({ 'Last updated': '2026-08-17', glasp_url: 'https://glasp.co/9aPuAlSY4cSgR8ymS3kzJvsZ0oY2/kindle/B08K7NTBZX', asin: 'B08K7NTBZX' });
    expect(record.work).toBe('asin:B08K7NTBZX');
    expect(record.highlights.map((highlight) => highlight.text)).toEqual([
      "Men's curiosity searches past and future And clings to that dimension. But to apprehend",
      "The point of intersection of the timeless With time, is an occupation for the saint— No occupation either, but something given And taken, in a lifetime's death in love, Ardour and selflessness and self-surrender.",
      'For most of us, there is only the unattended Moment, the moment in and out of time,',
    ]);
    expect(record.highlights.every((highlight) => highlight.note === null && highlight.location === null)).toBe(true);
  });

  it('"Your Kindle Notes For:" is no author', () => {
    const record = note('Eternity Now.md');
    expect(record.authors).toEqual([]);
    expect(record.title).toBe('Eternity Now');
    expect(record.highlights[0]!.text).toBe('This identification with a personal body-mind');
    expect(record.highlights[4]!.text).toBe('Every new glimpse reinforces the “perfume” of freedom and happiness that emanates from this new dimension.');
    expect(record.highlights[2]!.text).toContain('Although this “stop” doesn’t leave any memories');
  });

  it('a web page: url, Glasp URL, a note over several lines up to the end', () => {
    const record = note('Nuxt.js server directory.md');
    expect(record).toMatchObject({
      authors: [],
      url: 'https://tech-education-nav.com/contents/educational-materials/nuxt-js/nuxtjs-server-directory',
      category: 'articles',
      image: null,
    });
    expect(record.extra).toEqual({ 'Last updated': '2025-06-30', glasp_url: 'https://glasp.co/4lnt6ccBTsO94gGCU64ypnvR8Af1/p/cb2713916d189bc1325c' });
    expect(record.highlights[0]!.text).toBe('api/: /api プレフィックス付きのルートを定義。');
    expect(record.highlights[21]!.text).toBe('すべてのパスにマッチするルートを定義するには、ファイル名に [...] を使用');
    expect(record.highlights[22]).toMatchObject({
      text: 'Nitro のストレージ機能を使用して Redis と統合する',
      note: 'RAMにデータを保存\nキー・バリュー型\n---\n用途\n- 主に一時的なデータの保存に使われる（※永続化設定可能）\nキャッシュ\nセッション管理\nリアルタイム機能：リアルタイム通知などで、一時的なデータの保存',
    });
    expect(record.highlights.slice(0, 22).every((highlight) => highlight.note === null)).toBe(true);
  });
});

describe('Glasp: the plugin shapes', () => {
  it('summary, thoughts, a Kindle note, and the older **note:** form', () => {
    const record = readNote(
      'A Page.md',
      [
        '---',
        'URL: https://example.com/page',
        'Glasp URL: https://glasp.co/user/p/abc',
        'Tags: [reading, web-notes]',
        'Last updated: 2024-01-13',
        '---',
        '#### Summary',
        'What the page says.',
        '',
        '#### Thoughts & Comments',
        'My thoughts on it.',
        '',
        '#### Highlights & Notes',
        '',
        '> The first highlight',
        '- its note',
        '',
        '> The second highlight',
        '---',
        '  **note:**',
        '  an older note',
        '',
      ].join('\n'),
    );
    expect(record).toMatchObject({ title: 'A Page', summary: 'What the page says.', tags: ['reading', 'web-notes'], category: 'articles' });
    expect(record.extra['thoughts']).toBe('My thoughts on it.');
    expect(record.highlights.map((highlight) => [highlight.text, highlight.note])).toEqual([
      ['The first highlight', 'its note'],
      ['The second highlight', 'an older note'],
    ]);
  });

  it('takes only notes with a glasp.co `Glasp URL`, and no other fixture', () => {
    expect(glasp.detect({ name: 'a.md', text: '---\nURL: https://x.y\n---\n> quote\n' })).toBe(false);
    expect(glasp.detect({ name: 'a.md', text: 'Glasp URL: https://glasp.co/x\n' })).toBe(false);
    expect(detectedBy(glasp).every((file) => file.startsWith('fixtures/glasp/'))).toBe(true);
  });
});

describe('Glasp through the binary', () => {
  const { folder } = scratch('glasp');
  it('a folder of Glasp notes gives one record per page or book with every highlight', async () => {
    const dir = folder('vault');
    for (const name of ['Four Quartets.md', 'Nuxt.js server directory.md']) fs.copyFileSync(path.join('fixtures/glasp', name), path.join(dir, name));
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(records.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['glasp', 'Four Quartets', 3],
      ['glasp', 'Nuxt.js server directory', 23],
    ]);
  });
});
