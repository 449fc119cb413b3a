/**
 * Notes of the Obsidian Pocket plugin (fixtures/pocket-plugin, see its
 * SOURCES.md): the facts below were written by hand from the files before
 * expected.json was generated. The plugin writes no highlights: each note is
 * an article's fields. And what the reader does not take.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pocketPlugin } from '../src/formats/pocket/plugin.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, recordsOf, runCli, scratch } from './helpers.js';

const { folder } = scratch('pocket-plugin');
const notes = await recordsOf('pocket-plugin');
const note = (name: string): IngestRecord => {
  const found = [...notes.entries()].find(([file]) => file.startsWith(name));
  if (!found) throw new Error(`no record of ${name}`);
  return found[1];
};
const facts = (record: IngestRecord): unknown[] => [record.title, record.url, [...record.tags].sort(), record.image, record.extra];

describe('Pocket plugin notes', () => {
  it('reads every note as an article with no highlights', () => {
    expect(notes.size).toBe(6);
    for (const record of notes.values()) {
      expect([record.format, record.kind, record.category, record.authors, record.highlights]).toEqual(['pocket-plugin', 'markdown', 'articles', [], []]);
    }
  });

  it('reads the default template after the blank line it starts with', () => {
    expect(facts(note('01-'))).toEqual([
      'An overview of HTTP',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Overview',
      ['pocket'],
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Overview/fetching_a_page.png',
      { 'Pocket URL': 'https://getpocket.com/read/1397320830' },
    ]);
    expect(note('01-').summary).toBe(
      'HTTP is a protocol for fetching resources such as HTML documents. It is the foundation of any data exchange on the Web and it is a client-server protocol, which means requests are initiated by the recipient, usually the Web browser.',
    );
    expect(note('02-').title).toBe('Nhớ về nỗi nhớ');
    expect(note('02-').url).toBe('https://spiderum.com/bai-dang/Nho-ve-noi-nho-u31BU0W2SkZo');
    expect(note('02-').summary).toMatch(/^Trong một bức thư gửi vợ không bao giờ tới, Trần Dần viết:/);
    for (const name of ['01-', '02-']) expect(note(name).text).toBe('');
  });

  it('reads a changed template: its own tags and the body’s `#tag` line, the URL line no text', () => {
    expect(facts(note('03-'))).toEqual([
      'Mistral OCR',
      'https://mistral.ai/fr/news/mistral-ocr',
      ['clippings', 'ia', 'mistral', 'pocket', 'toview'],
      'http://img.youtube.com/vi/6lRBm0KnzBI/0.jpg',
      { 'Pocket URL': 'https://getpocket.com/read/4186322496' },
    ]);
    expect(note('03-').summary).toMatch(/^Throughout history, advancements in information abstraction and retrieval have driven human progress\./);
    const oled = note('04-');
    expect(oled.title).toBe('Oled, Mini-Led, Qled, LCD, Micro-Led : quelles sont les différences ?');
    expect([...oled.tags].sort()).toEqual(['achat', 'clippings', 'pocket', 'toview']);
    expect(oled.extra).toEqual({ 'Pocket URL': 'https://getpocket.com/read/4078106524' });
    for (const name of ['03-', '04-']) expect(note(name).text).toBe('');
  });

  it('reads a `Tags` list that is no YAML (`#ia`) line by line; a title that is a URL is none', () => {
    const record = note('05-');
    expect(record.title).toBe(null);
    expect(record.url).toBe('https://www.perplexity.ai/page/vibe-coding-s-rise-in-software-.OYRvZGhSlGYIqjRND04fA');
    expect([...record.tags].sort()).toEqual(['clippings', 'dev', 'ia', 'pocket', 'toview']);
    expect([record.summary, record.image, record.text]).toEqual([null, null, '']);
    expect(record.extra).toEqual({ 'Pocket URL': 'https://getpocket.com/read/4190573915' });
  });

  it('reads the README’s example: a folded excerpt, a tag', () => {
    const record = note('06-');
    expect(facts(record)).toEqual([
      'Carbon removal hype is becoming a dangerous distraction',
      'https://www.technologyreview.com/2021/07/08/1027908/carbon-removal-hype-is-a-dangerous-distraction-climate-change/',
      ['carbon_removal', 'pocket'],
      'http://via.placeholder.com/640x360',
      { 'Pocket URL': 'https://getpocket.com/read/1337' },
    ]);
    expect(record.summary).toBe(
      'In February, oil giant Shell trumpeted a scenario in which the world pulls global warming back to 1.5 ˚C by 2100, even as natural gas, oil, and coal continue to generate huge shares of the world’s energy.',
    );
  });

  it('keeps what the user wrote in the note as its text', async () => {
    const dir = folder('own');
    const text = fs.readFileSync('fixtures/pocket-plugin/01-An overview of HTTP.md', 'utf8');
    fs.writeFileSync(path.join(dir, 'HTTP.md'), `${text}\nRead for the course: the request and response model.\n`);
    const run = await runCli([path.join(dir, 'HTTP.md'), '--no-cache', '-f', 'ndjson']);
    const record = JSON.parse(run.stdout) as IngestRecord;
    expect([record.format, record.text, record.highlights]).toEqual(['pocket-plugin', 'Read for the course: the request and response model.', []]);
  });
});

describe('what the Pocket plugin reader takes', () => {
  it('takes its fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(pocketPlugin)).toEqual([...notes.keys()].map((file) => `fixtures/pocket-plugin/${file}`).sort());
  });

  it('takes no note that only looks like it', () => {
    const takes = (text: string, name = 'item.md'): boolean => pocketPlugin.detect({ name, text });
    expect(takes('---\nTitle: "T"\nURL: https://a.test/\nPocket URL: https://getpocket.com/read/12\n---\n')).toBe(true);
    // 0.7's template: no Pocket URL.
    expect(takes('---\nTitle: "T"\nURL: https://a.test/\nTags: [pocket, ]\nExcerpt: >\n    x\n---\nhttps://a.test/\n')).toBe(true);
    expect(takes('---\nTitle: "T"\nURL: https://a.test/\nPocket URL: https://getpocket.com/read/12\n---\n', 'item.json')).toBe(false);
    // A link to Pocket in the body, or to another Pocket page, or tags that do not start with the template's `pocket`.
    expect(takes('---\ntitle: ABA problem\n---\nSee https://getpocket.com/read/2764086478\n')).toBe(false);
    expect(takes('---\nsource: https://getpocket.com/explore/item/why\n---\n')).toBe(false);
    expect(takes('---\nTitle: T\nURL: https://a.test/\nTags: [reading, pocket]\nExcerpt: x\n---\n')).toBe(false);
    // Another read-later plugin's note of a Pocket item.
    expect(takes('---\nurl: https://garden.test/3d\nreadlater:\n  id: "3960232713"\n  provider: pocket\n---\n# 3D in CSS\n')).toBe(false);
  });

  it('through the binary: a folder of plugin notes gives one article record per note', async () => {
    const dir = folder('vault');
    for (const file of fs.readdirSync('fixtures/pocket-plugin').filter((name) => name.endsWith('.md') && name !== 'SOURCES.md')) fs.copyFileSync(path.join('fixtures/pocket-plugin', file), path.join(dir, file));
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(lines.map((record) => [record.format, record.category, record.highlights.length])).toEqual(Array(6).fill(['pocket-plugin', 'articles', 0]));
    expect(lines.map((record) => record.url).filter((url) => url !== null)).toHaveLength(6);
  });
});
