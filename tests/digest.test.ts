/**
 * The digest as a reader sees it (issue #15): shelves, untitled documents,
 * highlights that keep their shape, links back to the contents, books with
 * their authors. Markdown is rendered with real CommonMark renderers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { micromark } from 'micromark';
import { describe, expect, it } from 'vitest';
import { shelfOf } from '../src/emit/digest-contents.js';
import { blockLines, quoteLines } from '../src/emit/quote.js';
import { ROOT, markdownText, readNote, records } from './helpers.js';

const html = (markdown: string) => micromark(markdown, { allowDangerousHtml: true });

describe('shelves', () => {
  it('shelve by category, else format, else where the highlights came from, else kind', () => {
    const shelf = (fields: Partial<Parameters<typeof shelfOf>[0]>) => shelfOf({ category: null, format: 'markdown', kind: 'markdown', url: null, highlights: [], ...fields });
    expect(shelf({ category: 'books' })).toBe('Books');
    expect(shelf({ category: '📰' })).toBe('Articles');
    expect(shelf({ category: '#Type/Highlight/Podcast' })).toBe('Podcasts');
    expect(shelf({ category: 'Tweets' })).toBe('Tweets');
    expect(shelf({ format: 'kindle-clippings', kind: 'highlights' })).toBe('Books');
    expect(shelf({ format: 'web-clipper' })).toBe('Clippings');
    expect(shelf({ format: 'readwise', kind: 'highlights', url: 'https://twitter.com/a16z' })).toBe('Tweets');
    expect(shelf({ format: 'readwise', kind: 'highlights', url: 'https://paulgraham.com/greatwork.html' })).toBe('Articles');
    expect(shelf({ kind: 'text', format: 'text' })).toBe('Clippings');
    expect(shelf({})).toBe('Notes');
  });

  it('group the contents with authors, sites, counts and dates, and say nothing for an undated entry', async () => {
    const digest = await markdownText(await records(['seeds']));
    expect(digest).toContain('[Articles](#shelf-articles) 2 · [Clippings](#shelf-clippings) 3');
    expect(digest).toContain('- [2024 Will Be a Make-or-Break Year for TikTok Shop](#doc-7e3bf21c2a290d57) — Danny Parisi · glossy.co · 2 highlights · 2023-12-27\n');
    expect(digest).toContain('- [TikTok sticks to ambitious US e-commerce targets despite slow start to 2024](#doc-3af26f33f9d7ec40) — Zhang Rao · KrASIA\n');
    expect(digest).not.toContain('undated');
    // Sections follow the contents, and each ends with a way back.
    expect(digest.match(/\[back to contents\]\(#contents\)/g)).toHaveLength(5);
    expect(html(digest)).toContain('<a id="contents"></a>');
  });
});

describe('untitled documents', () => {
  it('are shown by their first words, while the record keeps title null', async () => {
    const [seed] = await records(['seeds/001_4a9c33193a5ff20c.txt']);
    expect(seed!.title).toBeNull();
    const digest = await markdownText([seed!]);
    expect(digest).toContain('## “Recent developments suggest that TikTok…”');
    expect(digest).not.toMatch(/## 001|\[001/);
  });
  it('are shown by a first heading when they start with one', async () => {
    const note = readNote('offsite.md', '## Notes From The Offsite\n\nWe agreed on three things and argued about a fourth, at length and with feeling.\n');
    expect(note.title).toBeNull();
    expect(await markdownText([note])).toContain('## Notes From The Offsite\n');
  });
});

describe('highlights', () => {
  it('keep line breaks, paragraphs and lists, and prose after a list stays out of it', () => {
    // From lucasheriques/brain, Tweets From Kent C. Dodds (../shared/realworld): a list inside a tweet.
    const text = 'Some tools I use regularly include:\n\n- TypeScript\n- Node.js\nHere is my prettier config.\nI prefer function declarations.\n\n\n\n1. Be casual\n2. Be terse';
    const rendered = html(quoteLines(text).join('\n'));
    expect(rendered).toBe(
      '<blockquote>\n<p>Some tools I use regularly include:</p>\n<ul>\n<li>TypeScript</li>\n<li>Node.js</li>\n</ul>\n<p>Here is my prettier config.<br />\nI prefer function declarations.</p>\n<ol>\n<li>Be casual</li>\n<li>Be terse</li>\n</ol>\n</blockquote>',
    );
  });
  it('set a transcript’s turns apart as paragraphs of one quoted block', () => {
    const lines = quoteLines('Transcript:\nSpeaker 2\nloved you.\nSpeaker 1\nWell, next actions.');
    expect(lines).toEqual(['> Transcript:', '>', '> Speaker 2\\', '> loved you.', '>', '> Speaker 1\\', '> Well, next actions.']);
    expect(lines.every((line) => line === '>' || line.startsWith('> '))).toBe(true);
  });
  it('cut a long opening after its first lines', () => {
    const lines = blockLines(Array.from({ length: 30 }, (_, i) => `- item ${i}`).join('\n'), 12);
    expect(lines).toHaveLength(14);
    expect(lines.at(-1)).toBe('…');
  });
});

describe('golden digests', () => {
  const goldens = fs
    .readdirSync(path.join(ROOT, 'fixtures'))
    .map((name) => path.join(ROOT, 'fixtures', name, 'expected.md'))
    .filter((file) => fs.existsSync(file));
  it('are there for the seeds and for real exports', () => {
    expect(goldens.map((file) => path.basename(path.dirname(file))).sort()).toEqual(['digest-cjk-figure', 'digest-kindle-book', 'digest-podcast', 'digest-seeds', 'digest-trial', 'digest-untitled']);
  });
  for (const file of goldens) {
    it(`${path.basename(path.dirname(file))} renders with no literal ** and no Key figures (dropped: on real vaults it repeated one figure per sentence), in micromark and marked`, () => {
      const markdown = fs.readFileSync(file, 'utf8');
      expect(markdown).not.toContain('## Key figures');
      for (const rendered of [html(markdown), marked.parse(markdown, { async: false })]) expect(rendered).not.toContain('**');
    });
  }
});
