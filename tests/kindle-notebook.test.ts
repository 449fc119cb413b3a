/**
 * The Kindle notebook in HTML (fixtures/kindle-notebook, see its
 * SOURCES.md): the page saved from read.amazon.com and the notebooks
 * Kindle apps export. The facts below were written by hand from the files
 * before expected.json was generated. And what the reader does not take.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindleNotebook } from '../src/formats/kindle-notebook/notebook.js';
import { ROOT, detectedBy, recordsOf, runCli, scratch } from './helpers.js';

const { work, folder } = scratch('kindle-notebook');
const books = await recordsOf('kindle-notebook');
const book = (file: string) => books.get(file)!;

describe('the notebook page saved from read.amazon.com', () => {
  it('reads the title, the author and the ASIN', () => {
    const ted = book('01-ted-talks-notebook-page.html');
    expect([ted.format, ted.kind, ted.category, ted.title, ted.authors, ted.extra]).toEqual([
      'kindle-notebook',
      'highlights',
      'books',
      'TED Talks: The official TED guide to public speaking: Tips and tricks for giving unforgettable speeches and presentations',
      ['Chris Anderson'],
      { asin: 'B011A2XCZ6' },
    ]);
    const konsum = book('02-konsum-notebook-page.html');
    expect([konsum.title, konsum.authors, konsum.extra]).toEqual(['Konsum - Warum wir kaufen, was wir nicht brauchen (German Edition)', ['Carl Tillessen'], { asin: 'B07YF3TM2C' }]);
  });

  it('reads every row: text with entities decoded, colour, location from the hidden input, page from the header, note', () => {
    const ted = book('01-ted-talks-notebook-page.html').highlights;
    expect(ted).toHaveLength(45);
    expect(ted.filter((highlight) => highlight.text !== '')).toHaveLength(44);
    expect(ted.filter((highlight) => highlight.note !== null)).toHaveLength(18);
    expect(ted.slice(0, 3).map((highlight) => [highlight.text, highlight.location, highlight.page, highlight.color, highlight.note])).toEqual([
      ['As a leader — or as an advocate — public speaking is the key to unlocking empathy, stirring excitement, sharing knowledge and insights, and promoting a shared dream.', 'Location 78', null, 'yellow', null],
      ['Ultimately, ideas aren’t owned. They have a life of their own.', 'Location 116', null, 'yellow', null],
      ['Your goal is not to be Winston Churchill or Nelson Mandela. It’s to be you.', 'Location 237', '10', 'yellow', null],
    ]);
    expect(ted.map((highlight) => highlight.color).filter((color) => color !== 'yellow')).toEqual([null]);
    const konsum = book('02-konsum-notebook-page.html').highlights;
    expect(konsum.map((highlight) => [highlight.location, highlight.page])).toEqual([
      ['Location 9', '11'],
      ['Location 12', '11'],
    ]);
    expect(konsum[0]!.text).toMatch(/^In fast allen Beiträgen über den exzessiven Konsum unserer G/);
  });

  it('keeps a highlight’s note and a note on its own row', () => {
    const ted = book('01-ted-talks-notebook-page.html').highlights;
    expect(ted.slice(36, 39).map((highlight) => [highlight.text, highlight.location, highlight.page, highlight.color, highlight.note])).toEqual([
      ['your transition should never call attention to itself.', 'Location 1728', '125', 'yellow', null],
      ['', 'Location 1728', '125', null, '#slides animation'],
      ['Mac Stone at TEDxUC', 'Location 1778', '129', 'yellow', '#seelater'],
    ]);
  });
});

describe('the notebook a Kindle app exports', () => {
  it('reads title, authors, citation and sections', () => {
    const light = book('03-how-light-works-app-export.html');
    expect([light.title, light.authors, light.category]).toEqual(['How Light Works_xx1578xx', ['nothingbutdave@gmail.com'], 'books']);
    expect(light.extra).toEqual({
      citation: 'Citation (Chicago Style): nothingbutdave@gmail.com. How Light Works_xx1578xx. , 2016. Kindle edition.',
      sections: [{ title: 'How Light Works_xx1578xx', from: 0 }],
    });
    const mobile = book('04-plato-kindle-mobile-export.html');
    expect([mobile.title, mobile.authors]).toEqual(['柏拉图对话集 (译文随笔) (Chinese Edition)', ['柏拉图']]);
    expect((mobile.extra['sections'] as Array<{ title: string }>).map((section) => section.title)).toEqual(['拉克斯（或勇敢）', '普罗塔哥拉', '梅尼克齐努士', '蒂迈欧', '克立托封']);
    // Kindle for PC: the title in 《 》 and "作者：" before the author.
    const pc = book('05-plato-kindle-pc-export.html');
    expect([pc.title, pc.authors]).toEqual(['柏拉图对话集 (译文随笔)', ['柏拉图']]);
  });

  it('reads highlights with colour and location, and the note written after a highlight as its note', () => {
    const light = book('03-how-light-works-app-export.html').highlights;
    expect(light).toHaveLength(16);
    expect([light[0]!.text, light[0]!.color, light[0]!.location]).toEqual(['How Light Works_xx1578xx', 'pink', 'Location 3']);
    expect(light.slice(1).every((highlight) => highlight.color === 'yellow')).toBe(true);
    expect([light[15]!.location, light[15]!.note]).toEqual(['Location 142', 'This is a notes from Dave']);
    expect(light[15]!.text).toMatch(/^So there are two basic ways by which we can see colors\./);
    const mobile = book('04-plato-kindle-mobile-export.html').highlights;
    expect(mobile).toHaveLength(9);
    expect(mobile.every((highlight) => highlight.color === 'blue')).toBe(true);
    expect(mobile.map((highlight) => highlight.location)).toEqual(['Location 744', 'Location 870', 'Location 1140', 'Location 1314', 'Location 1788', 'Location 1811', 'Location 2133', 'Location 2422', 'Location 3829']);
    expect(mobile.map((highlight) => highlight.note === null)).toEqual([false, false, false, false, false, false, true, false, false]);
    expect(mobile[1]!.note).toBe('当自己确实缺少什么的时候，或许应该避免羞怯');
  });

  it('reads Kindle for PC’s malformed export: notes on their own', () => {
    const pc = book('05-plato-kindle-pc-export.html').highlights;
    expect(pc).toHaveLength(8);
    expect(pc.every((highlight) => highlight.text === '' && highlight.color === null)).toBe(true);
    expect(pc.map((highlight) => highlight.location)).toEqual(['Location 745', 'Location 873', 'Location 1141', 'Location 1316', 'Location 1791', 'Location 1814', 'Location 2425', 'Location 3830']);
    expect(pc[3]!.note).toBe('证明仅仅有一个对立物的目的原来是为了证明对立的对立之间的相似性');
  });
});

describe('what the Kindle notebook reader takes', () => {
  it('takes the notebook fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(kindleNotebook)).toEqual([
      'fixtures/kindle-notebook/01-ted-talks-notebook-page.html',
      'fixtures/kindle-notebook/02-konsum-notebook-page.html',
      'fixtures/kindle-notebook/03-how-light-works-app-export.html',
      'fixtures/kindle-notebook/04-plato-kindle-mobile-export.html',
      'fixtures/kindle-notebook/05-plato-kindle-pc-export.html',
    ]);
  });

  it('takes only HTML files of either shape', () => {
    const page = fs.readFileSync('fixtures/kindle-notebook/03-how-light-works-app-export.html', 'utf8');
    expect(kindleNotebook.detect({ name: 'book.html', text: page })).toBe(true);
    expect(kindleNotebook.detect({ name: 'book.md', text: page })).toBe(false);
    expect(kindleNotebook.detect({ name: 'page.html', text: '<html><body><div class="note">x</div><h3>Title</h3></body></html>' })).toBe(false);
  });

  it('through the binary: a folder of notebooks gives one record per book with every highlight; another HTML file is passed over', async () => {
    const dir = folder('walk');
    for (const file of fs.readdirSync('fixtures/kindle-notebook').filter((name) => name.endsWith('.html'))) fs.copyFileSync(path.join('fixtures/kindle-notebook', file), path.join(dir, file));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><body><h1>My site</h1><p>Hello</p></body></html>\n');
    const run = await runCli(['.', '--no-cache', '-f', 'ndjson'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { format: string; title: string; highlights: unknown[] });
    expect(records.map((record) => [record.format, record.highlights.length])).toEqual([
      ['kindle-notebook', 45],
      ['kindle-notebook', 2],
      ['kindle-notebook', 16],
      ['kindle-notebook', 9],
      ['kindle-notebook', 8],
    ]);
    expect(fs.existsSync(work)).toBe(true);
  });
});

describe('the HTML parser', () => {
  it('is loaded only for an HTML file: a fresh process has not loaded it, prepareFile loads it, for a bundle part named .html too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-html-lazy-'));
    const page = path.join(ROOT, 'fixtures', 'kindle-notebook', fs.readdirSync(path.join(ROOT, 'fixtures', 'kindle-notebook')).find((name) => name.endsWith('.html'))!);
    const script = `
      const { processFile, prepareFile } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'process.js'))});
      const { SourceFile } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'source-file.js'))});
      const fs = await import('node:fs');
      const html = fs.readFileSync(${JSON.stringify(page)});
      const count = (outcomes) => outcomes.map((outcome) => outcome.record?.highlights.length ?? -1).join(',');
      const attempt = (file) => { try { return count(processFile(file)); } catch (error) { return 'not loaded'; } };
      const unprepared = attempt(new SourceFile({ path: 'notebook.html', bytes: html }));
      const note = new SourceFile({ path: 'note.md', bytes: new TextEncoder().encode('# A note\\n') });
      await prepareFile(note);
      const stillNot = attempt(new SourceFile({ path: 'notebook.html', bytes: html }));
      const bundle = new SourceFile({ path: 'bundle.txt', bytes: Buffer.concat([Buffer.from('<<<FILE: notebook.html>>>\\n'), html]) });
      await prepareFile(bundle);
      const prepared = attempt(new SourceFile({ path: 'notebook.html', bytes: html }));
      console.log(JSON.stringify([unprepared, stillNot, prepared]));`;
    const file = path.join(dir, 'check.mjs');
    fs.writeFileSync(file, script);
    const run = await runCli([], { shell: `node ${JSON.stringify(file)}` });
    fs.rmSync(dir, { recursive: true, force: true });
    const [unprepared, stillNot, prepared] = JSON.parse(run.stdout.trim()) as string[];
    expect([unprepared, stillNot]).toEqual(['not loaded', 'not loaded']);
    expect(Number(prepared)).toBeGreaterThan(0);
  });
});
