/**
 * Omnivore notes (obsidian-omnivore): the real notes in fixtures/omnivore,
 * checked against the collector's hand-made facts
 * (docs/facts/omnivore/*.json; all 40 highlights agree
 * on text, note, tags, colour and date), and notes written from the
 * plugin's own templates for the shapes no collected note shows (labels,
 * block ids, colours, list-form links, `> note` quotes).
 *
 * Beyond the facts files: a highlight's `url` is its ⤴️ link made
 * canonical like every URL (so without the `#fragment`); the fragment, the
 * highlight's Omnivore id, is its `id`. The Read on Omnivore link goes to
 * `extra.omnivore_url` when the frontmatter has none.
 */
import { describe, expect, it } from 'vitest';
import { omnivore } from '../src/formats/omnivore/omnivore.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, recordsOf } from './helpers.js';

const notes = await recordsOf('omnivore');
const note = (name: string): IngestRecord => notes.get(name)!;

describe('Omnivore: real notes', () => {
  it('are all read as omnivore highlights, with as many highlights as ⤴️ links', () => {
    expect([...notes.values()].every((record) => record.format === 'omnivore' && record.kind === 'highlights')).toBe(true);
    expect([...notes.values()].map((record) => record.highlights.length)).toEqual([2, 20, 18, 0, 0]);
    expect([...notes.values()].flatMap((record) => record.diagnostics)).toEqual([]);
  });

  it('01: frontmatter fields, links, and the plain line after the last quote as its note', () => {
    const record = note('01-getting-started.md');
    expect(record).toMatchObject({
      title: 'Getting Started with Omnivore',
      authors: ['The Omnivore Team'],
      url: 'https://blog.omnivore.app/p/getting-started-with-omnivore',
      site: 'blog.omnivore.app',
      published: '2021-10-13',
      category: null,
      tags: ['omnivore'],
      text: '',
    });
    expect(record.extra).toEqual({
      id: 'mL51bIYBKc5BngQz5_PS',
      date_saved: '2023-02-20 09:35:11',
      'date created': '2023-03-05',
      'date modified': '2023-03-07',
      omnivore_url: 'https://omnivore.app/me/getting-started-with-omnivore-1866c75e75c',
    });
    expect(record.highlights).toMatchObject([
      {
        text: 'trigger webhooks when',
        markdown: 'trigger webhooks when',
        // The highlight's own link, with the fragment that points at it.
        url: 'https://omnivore.app/me/getting-started-with-omnivore-1866c75e75c#8bc5bbed-a52b-41d4-b6ef-7487240eafc8',
        id: '8bc5bbed-a52b-41d4-b6ef-7487240eafc8',
        location: null,
        page: null,
        color: null,
        tags: [],
        note: null,
        highlightedAt: null,
      },
      {
        text: 'save a link',
        markdown: 'save a link',
        url: 'https://omnivore.app/me/getting-started-with-omnivore-1866c75e75c#fab7cccc-55d0-4f63-951a-51d8318158c7',
        id: 'fab7cccc-55d0-4f63-951a-51d8318158c7',
        location: null,
        page: null,
        color: null,
        tags: [],
        note: 'ok',
        highlightedAt: null,
      },
    ]);
  });

  it('02: only an id in the frontmatter; title from the H1, url from Read Original; a heading inside a quote is its text', () => {
    const record = note('02-high-cardinality.md');
    expect(record).toMatchObject({ title: 'What is High Cardinality | Last9', authors: [], url: 'https://last9.io/blog/what-is-high-cardinality', published: null, tags: ['omnivore'] });
    expect(record.highlights[5]!.text).toBe(
      'High Cardinality and Time Series data\n\nIn the context of time series data, high cardinality refers to a time series metric or attribute that exhibits a large number of distinct values or unique entities over time. It indicates a significant level of diversity or variability in the values of that specific metric across different time points.',
    );
    expect(record.highlights[5]!.markdown.startsWith('## High Cardinality and Time Series data\n\nIn the context')).toBe(true);
    expect(record.highlights[8]!.text.endsWith('preserving important patterns or trends.\n\nWhat is High Cardinality Metrics?')).toBe(true);
    expect(record.highlights.every((highlight) => highlight.note === null && !highlight.text.includes('⤴'))).toBe(true);
  });

  it('03: lists inside a quote are the highlight’s: bullets go, an ordered list keeps its numbers, escapes and emphasis go', () => {
    const record = note('03-fogg-behavior.md');
    expect(record.highlights[2]!.text).toBe(
      'Whether you want your customers to take action.\nWhether you want to overcome your habits to build new ones.\nWhether you want your employees to perform or take change well.',
    );
    expect(record.highlights[6]!.text.startsWith('1. Training: This is the hardest method')).toBe(true);
    expect(record.highlights[6]!.text).toContain('\n2. Tools: Tools exist solely to make tasks easier.\n3. Simplicity:');
    expect(record.highlights[7]!.text).toBe('There are 5 potentially scarce resources to be aware of when creating ability:\n\n1. Time\n2. Money\n3. Physical Effort\n4. Mental Effort\n5. Routine');
    expect(record.highlights[13]!.text).toContain('belonging.\n\nGamify tasks\nUse levels to track progress\n');
    expect(record.highlights[13]!.markdown).toContain('\n* Gamify tasks\n');
    expect(record.text).toBe('');
  });

  it('04: content only, HTML-escaped: no highlights, its `&gt;` quote is text; labels from a block list', () => {
    const record = note('04-against-teereader.md');
    expect(record).toMatchObject({ title: 'Against the io.TeeReader', authors: [], url: 'https://vishnubharathi.codes/blog/against-the-io.teereader/', published: '2024-06-28', tags: ['omnivore', 'rss'], highlights: [] });
    expect(record.text).toContain('> If you’re going to allocate a buffer, then you might read the entire thing into memory first and read it twice.');
    expect(record.text.endsWith('Always use the pipe and close it.')).toBe(true);
    expect(record.text).not.toContain('Read on Omnivore');
  });

  it('05: block-scalar title and author; `[[Omnivore]]` is a link, no tag; the article’s quote and lists are text', () => {
    const record = note('05-attachment-mgmt.md');
    expect(record).toMatchObject({ title: 'Obsidian中关于附件管理的思考', authors: ['OS'], url: 'https://mp.weixin.qq.com/s/BZ0z6UaYFmppNzjMFJgH3g', published: '2023-11-20', tags: [], highlights: [] });
    expect(record.text).toContain('提示\n\n- 希望后面有时间结合介绍 PARA 和文件管理这个话题');
    expect(record.text).not.toContain('[[Omnivore]]');
    expect(record.extra['date_saved']).toBe('2023-12-01 20:41:10');
  });
});

const SLUG = 'https://omnivore.app/me/an-article-18e045be809';

describe('Omnivore: template shapes', () => {
  it('newer default: ` #label` tags and a `^id` block reference after the link are no text', () => {
    const record = readNote(
      'An Article.md',
      `---\nid: 0d4e…\ntitle: An Article\nauthor: A. Writer and B. Writer\ntags:\n - long_read\nsite_name: The Site\n---\n\n# An Article\n#Omnivore\n\n[Read on Omnivore](${SLUG})\n[Read Original](https://example.com/an-article)\n\n## Highlights\n\n> Quoted text. [⤴️](${SLUG}#eb45ebe7-1111-2222-3333-444455556666)  #first  #second_label  ^eb45ebe7\n\nMy note\non two lines.\n\n> Second. [⤴️](${SLUG}#aaaaaaaa-1111-2222-3333-444455556666)  ^aaaaaaaa\n`,
    );
    expect(record).toMatchObject({ title: 'An Article', authors: ['A. Writer', 'B. Writer'], site: 'The Site', url: 'https://example.com/an-article', tags: ['long_read', 'omnivore'] });
    expect(record.highlights.map(({ text, markdown, id, tags, note }) => ({ text, markdown, id, tags, note }))).toEqual([
      { text: 'Quoted text.', markdown: 'Quoted text.', id: 'eb45ebe7-1111-2222-3333-444455556666', tags: ['first', 'second_label'], note: 'My note\non two lines.' },
      { text: 'Second.', markdown: 'Second.', id: 'aaaaaaaa-1111-2222-3333-444455556666', tags: [], note: null },
    ]);
  });

  it('the highlight-colour option: `<mark class="omni omni-red">` gives the colour, and is no text', () => {
    const record = readNote('c.md', `# C\n\n## Highlights\n\n> <mark class="omni omni-red">some quote</mark>\n><mark class="omni omni-red"> more</mark> [⤴️](${SLUG}#c1)\n\n> <mark class="hltr-yellow">other</mark> [⤴️](${SLUG}#c2)\n`);
    expect(record.highlights.map(({ text, color }) => ({ text, color }))).toEqual([
      { text: 'some quote\nmore', color: 'red' },
      { text: 'other', color: 'yellow' },
    ]);
  });

  it('highlights in one quote (no blank line between them), a `> note` after one, list-form links, no frontmatter title', () => {
    const record = readNote(
      'Saved/From The File Name.md',
      `- [Read Original](https://example.org/post?utm_medium=feed)\n- [Read on Omnivore](${SLUG})\n\n## Highlights\n\n> One. [⤴️](${SLUG}#h1)\n> Two. [⤴️](${SLUG}#h2)\n\n> a note as a quote\n\n## Content\n\n> An article quote, no link.\n\n- an article list item\n`,
    );
    expect(record.title).toBe('From The File Name');
    expect(record.url).toBe('https://example.org/post');
    expect(record.highlights.map(({ text, id, note }) => ({ text, id, note }))).toEqual([
      { text: 'One.', id: 'h1', note: null },
      { text: 'Two.', id: 'h2', note: 'a note as a quote' },
    ]);
    expect(record.text).toBe('Content\n\nAn article quote, no link.\n\n- an article list item');
  });
  it('a note too deeply nested to parse is read as plain text, and keeps its format', () => {
    const record = readNote('Deep.md', `> q [⤴️](${SLUG}#x)\n\n${'> '.repeat(70)}deep\n`);
    expect(record).toMatchObject({ format: 'omnivore', kind: 'highlights', title: 'Deep' });
    expect(record.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(['markdown-too-complex']);
  });
});

describe('Omnivore: detect', () => {
  it('takes its own notes and nothing else in fixtures/ and ../shared/realworld', () => {
    const taken = detectedBy(omnivore);
    expect(taken).toEqual([
      'fixtures/omnivore/01-getting-started.md',
      'fixtures/omnivore/02-high-cardinality.md',
      'fixtures/omnivore/03-fogg-behavior.md',
      'fixtures/omnivore/04-against-teereader.md',
      'fixtures/omnivore/05-attachment-mgmt.md',
    ]);
  });

  it('needs a highlight link (with its #id) or the Read on Omnivore link, not a link to an Omnivore page', () => {
    expect(omnivore.detect({ name: 'a.md', text: 'See [my list](https://omnivore.app/me/some-article-18e045be809).\n' })).toBe(false);
    expect(omnivore.detect({ name: 'a.md', text: `> q [⤴️](${SLUG}#x)\n` })).toBe(true);
  });
});
