/**
 * Custom Readwise templates from real vaults (fixtures/readwise-templates,
 * sources in its SOURCES.md), and the shapes the issue names that no public
 * vault we could find holds (constructed here, each marked so).
 */
import { describe, expect, it } from 'vitest';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import type { IngestRecord } from '../src/schema.js';
import { records } from './helpers.js';

const notes = await records(['fixtures/readwise-templates'], { exclude: ['SOURCES.md'] });
const note = (title: string): IngestRecord => notes.find((record) => record.title === title)!;
const read = (name: string, text: string): IngestRecord => processFile(new SourceFile({ path: name, bytes: Buffer.from(text) }))[0]!.record!;

describe('custom Readwise templates in real vaults', () => {
  it('reads a callout of Key:: fields as the Metadata list', () => {
    const mats = note('Rationale for Mats');
    expect([mats.authors, mats.url, mats.published, mats.category, mats.tags]).toEqual([
      ['Endre Stølsvik'],
      'https://mats3.io/background/rationale-for-mats/',
      '2023-02-12',
      'articles',
      ['software-architecture'],
    ]);
    // `[View Highlight](…) ^rw474940030`: no parentheses, a block id after it.
    expect(mats.highlights[0]).toMatchObject({ id: '474940030', location: null, url: 'https://readwise.io/open/474940030' });
    const longitude = note('Longitude');
    expect([longitude.category, longitude.published, longitude.highlights[0]!.location]).toEqual(['books', null, 'Location 95']); // Published-Date:: [[]]
  });
  it("prefers the Metadata list's author to a template's frontmatter author, and a bare date is no publication date", () => {
    const reader = note('Getting Started With Reader');
    expect([reader.authors, reader.published, reader.category]).toEqual([['Daniel Doyon'], null, 'articles']);
    expect(reader.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', rule: 'metadata-disagrees' }));
  });
  it('takes the title of a frontmatter-only note from its file name, and Type: articles as its category', () => {
    const work = note('How to Do Great Work');
    expect([work.category, work.authors, work.url, work.highlights.length]).toEqual(['articles', ['Paul Graham'], 'http://paulgraham.com/greatwork.html', 12]);
  });
  it('reads a nested category tag as the category (#Type/Highlight/Podcast → podcasts), and keeps a Snipd snip whole', () => {
    const podcast = note('Data Discovery with Shinji Kim');
    expect(podcast.category).toBe('podcasts');
    expect(podcast.highlights[0]).toMatchObject({ location: 'Time 0:29:08' });
    expect(podcast.highlights[0]!.text).toMatch(/^The Snowflake of Cloud Computing\?\nSummary:/);
  });
  it('drops the vault folders from a readwise-mirror title link', () => {
    expect(notes.filter((record) => record.format === 'readwise-mirror').map((record) => record.title)).toEqual([
      'Architecture for a Startup',
      'Pro Git',
      'System Design Basics- Load Balancer 101',
      '\'My Book\': A Subtitle\'s "Journey',
    ]);
  });
});

describe('template shapes no public vault we found holds (constructed)', () => {
  it('a title written as a link is the link text, and the link the URL', () => {
    const record = read('x.md', "# [The World's Deadliest Thing](https://example.com/deadliest)\n\n## Highlights\n\n- Mosquitoes kill more people than any other animal. ([View Highlight](https://read.readwise.io/read/01abc))\n");
    expect([record.title, record.url]).toEqual(["The World's Deadliest Thing", 'https://example.com/deadliest']);
    const plain = read('y.md', '# [Python] Reverse a list\n\n## Highlights\n\n- Use reversed(). ([View Highlight](https://read.readwise.io/read/01abd))\n');
    expect([plain.title, plain.url]).toEqual(['[Python] Reverse a list', null]);
  });
  it('### q1 headings with the highlight under each, in a note that says it is an export', () => {
    const record = read('q.md', '# A Book\n\n## Metadata\n- Author: [[Jane Roe]]\n- Full Title: A Book\n\n## Highlights\n\n### q1\n\nThe first passage.\n\n### q2\n\nThe second passage.\n');
    expect(record.highlights.map((highlight) => highlight.text)).toEqual(['The first passage.', 'The second passage.']);
    // A heading alone is no evidence (#24, precision first): a plain note with a Highlights section keeps its text as text.
    const plain = read('p.md', '# A Book\n\n## Highlights\n\n### q1\n\nThe first passage.\n\n### q2\n\nThe second passage.\n');
    expect(plain).toMatchObject({ format: 'markdown', highlights: [] });
    expect(plain.text).toContain('The second passage.');
  });
  it('Goto: lines after a snip are where to listen, not its text; Publication date is when it was published', () => {
    const record = read(
      'p.md',
      '---\nPublication date: 2023-05-02\n---\n# An Episode\n\n## Highlights\n\n- What the guest said. ([Time 0:12:34](https://share.snipd.com/snip/1))\n    - Goto: [episode](https://share.snipd.com/episode/1)\n',
    );
    expect(record.published).toBe('2023-05-02');
    expect(record.highlights).toEqual([expect.objectContaining({ text: 'What the guest said.', note: null, location: 'Time 0:12:34' })]);
  });
  it('a highlight of an ordered list item keeps its number, never a bullet', () => {
    const record = read('l.md', '# Notes\n\n## Highlights\n\n> 10. Easier compliance with the rules.\n> [View Highlight](https://read.readwise.io/read/01abe)\n');
    expect(record.highlights[0]!.text).toBe('10. Easier compliance with the rules.');
  });
});
