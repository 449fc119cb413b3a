/**
 * Logseq pages: Readwise's Logseq export, custom templates and Logseq's own
 * PDF highlights (fixtures/logseq, fixtures/logseq-pdf: real pages, sources
 * in their SOURCES.md), checked against facts written by hand from each page.
 */
import { describe, expect, it } from 'vitest';
import { logseq } from '../src/formats/logseq/logseq.js';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import type { IngestRecord } from '../src/schema.js';
import { records } from './helpers.js';

const pages = await records(['fixtures/logseq', 'fixtures/logseq-pdf'], { exclude: ['SOURCES.md'] });
const page = (title: string): IngestRecord => pages.find((record) => record.title === title)!;
const read = (name: string, text: string): IngestRecord => processFile(new SourceFile({ path: name, bytes: Buffer.from(text) }))[0]!.record!;

describe('Readwise Logseq exports and custom Logseq templates', () => {
  it('reads every page as one highlights record of its format', () => {
    expect(pages).toHaveLength(15);
    expect(pages.every((record) => record.kind === 'highlights')).toBe(true);
    expect(pages.filter((record) => record.format === 'readwise-logseq')).toHaveLength(12);
  });
  it('takes the full title without its quotes, one pair only', () => {
    // full-title:: "Astrophysics for People in a Hurry" (and title:: … (highlights) loses its suffix).
    expect(pages.filter((record) => /^"|"$|\(highlights\)$/.test(record.title!)).map((record) => record.title)).toEqual(['"Imagine Learning a Text...']);
    // full-title:: ""Imagine Learning a Text..." is the title "Imagine Learning a Text... with its own opening quote.
    expect(page('"Imagine Learning a Text...').authors).toEqual(['@astonzhangAZ']);
  });
  it('reads page properties: author, category, url, #[[multi word]] tags', () => {
    const astro = page('Astrophysics for People in a Hurry');
    expect([astro.authors, astro.category, astro.tags]).toEqual([['Neil deGrasse Tyson'], 'books', ['science']]);
    const watson = page('Watson Studio Pipelines Now Available in Open Beta!');
    expect([watson.authors, watson.url, watson.tags]).toEqual([
      ['IBM Developer'],
      'https://developer.ibm.com/blogs/kubeflow-pipelines-and-tekton-advances-data-workloads/',
      ['devops', 'mlops', 'readwise'],
    ]);
    expect(page('Django RESTful Web Services').authors).toEqual([]); // author:: [[]]
    expect(page('The Society of Captives').authors).toEqual(['Gresham M. Sykes']); // [[@Gresham M. Sykes]], a person page
  });
  it('gives highlights the date of their sync block, with its time when it has one', () => {
    expect(page('Tty 到底是什么？').highlights.map((highlight) => highlight.highlightedAt)).toEqual(['2023-03-27', '2023-03-27T13:33:00', '2023-03-27T13:33:00']);
    // [[Thursday, 18-08-2022]]: a weekday tells the day from the month.
    expect(page('Astrophysics for People in a Hurry').highlights[0]!.highlightedAt).toBe('2022-08-18');
  });
  it('reads location, colour-tag and note children, and #tags in the text as words', () => {
    const [first] = page('Astrophysics for People in a Hurry').highlights;
    expect(first).toMatchObject({ location: 'Location 381', tags: ['pink'], url: 'https://readwise.io/to_kindle?action=open&asin=B01MAWT2MO&location=381' });
    expect(first!.text).toMatch(/would\. spaced$/);
    const watson = page('Watson Studio Pipelines Now Available in Open Beta!');
    expect(watson.highlights[1]!.note).toBe('在pipeline 之间也提供了task级别的缓存支持。');
  });
  it('finds highlights under chapter blocks, and chapters without highlights are only headings', () => {
    const django = page('Django RESTful Web Services');
    expect(django.highlights).toHaveLength(19);
    expect(django.highlights.map((highlight) => highlight.text)).not.toContain('Preface');
    expect(django.highlights[0]).toMatchObject({ note: 'What is REST?', highlightedAt: '2022-10-28' });
  });
  it('keeps an image-only highlight with its tags; **Tags** children with #[[multi word]]', () => {
    expect(page('Retrieval').highlights[0]).toMatchObject({ text: '', markdown: '![](https://blog.langchain.dev/content/images/2023/03/image-1.png)', tags: ['information retrieval', 'gpt'] });
  });
  it('never takes an Obsidian note whose first lines are Dataview fields followed by headings', () => {
    expect(logseq.detect({ name: 'a.md', text: 'author:: [[A]]\n\n# Title\n\nText.\n' })).toBe(false);
    expect(logseq.detect({ name: 'a.md', text: '---\ntitle: x\n---\n- item\n' })).toBe(false);
    expect(logseq.detect({ name: 'a.md', text: 'title:: X\n- a block\n' })).toBe(true);
  });
  it('a child with a View Highlight link of its own is a highlight, not its parent’s note (Readwise nests a highlighted list so)', () => {
    const link = (id: string): string => `([View Highlight](https://read.readwise.io/read/${id}))`;
    const text = `title:: Business Expertise (highlights)\nmedia:: #articles\n\n- Highlights first synced by [[Readwise]] [[2023-06-12]]\n\t- experts understand three things: ${link('01a')}\n\t\t- **Supply**: operations ${link('01b')}\n\t\t\t- **Note**: supply needs translation\n\t\t- **Demand**: the market ${link('01c')}\n\t\t- my own thought\n`;
    const note = read('pages/Business Expertise.md', text);
    expect(note.highlights.map(({ text: said, note: thought }) => ({ text: said, note: thought }))).toEqual([
      { text: 'experts understand three things:', note: 'my own thought' },
      { text: 'Supply: operations', note: 'supply needs translation' },
      { text: 'Demand: the market', note: null },
    ]);
  });
  it('reads a page without highlight markers as a note', () => {
    const note = read('pages/Ideas.md', 'tags:: thinking\n\n- an idea of mine\n\t- and a detail\n');
    expect([note.kind, note.format, note.title, note.highlights, note.text]).toEqual(['markdown', 'logseq', 'Ideas', [], 'an idea of mine\nand a detail']);
  });
});

describe("Logseq's PDF highlights", () => {
  it('reads hl-page, hl-color and the block id, and highlights nested under others', () => {
    const pcb = page('PCB Design & Layout Tutorial');
    expect([pcb.format, pcb.authors, pcb.url, pcb.tags]).toEqual(['logseq', ['Dave Jones'], 'https://alternatezone.com/electronics/pcbdesign.htm', ['formation', 'pcb', 'électronique']]);
    expect(pcb.highlights).toHaveLength(9);
    expect(pcb.highlights[3]).toMatchObject({ text: '100 thou (0.1 inch) = 2.54mm, and 200 thou (0.2 inch) = 5.08mm', page: '5', location: 'Page 5', color: 'green', id: '64b2d998-5c3f-4d41-823a-0f6669184866' });
  });
  it("names the page by its PDF, without Logseq's asset suffix, and skips area highlights with an info", () => {
    const spring = page('doc_spring-boot-reference');
    expect(spring.highlights).toHaveLength(11);
    const survey = page('The_Serverless_Computing_Survey_A_Technical_Primer_for_Design_Architecture');
    expect(survey.highlights.map((highlight) => highlight.text).slice(4, 8)).toEqual([
      'To this end, serverless computing was put forward,',
      '𝐹𝑎𝑎𝑆 model, an application is sliced into functions or functionlevel microservices [ 26, 45 , 57, 65, 117, 141 ]',
      'isolation ensures that each function invocation runs in an individual container or a virtual machine assigned from an access-control controller.',
      'Pay-as-you-go.',
    ]);
    expect(survey.diagnostics).toEqual([expect.objectContaining({ severity: 'info', rule: 'area-highlight', line: 37 })]);
  });
});
