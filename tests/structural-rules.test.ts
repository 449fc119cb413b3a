/**
 * General rules of the structural reader (#24), each on a note of its own
 * written here: the real notes that led to them are in
 * fixtures/templates-real (tests/templates.test.ts measures those).
 */
import { describe, expect, it } from 'vitest';
import { foundHighlight } from '../src/extract/fields.js';
import { withoutLeadMarks } from '../src/extract/lead-marks.js';
import { readNote } from './helpers.js';

const texts = (name: string, text: string): Array<{ text: string; note: string | null }> => readNote(name, text).highlights.map(({ text, note }) => ({ text, note }));

describe('a heading a template writes for each highlight, starting with its id', () => {
  const view = (id: string): string => ` * [View Highlight](https://read.readwise.io/read/${id})`;
  it('holds one highlight even without a link; the heading after the id is its note, a place is not', () => {
    const note = [
      '# A Book',
      '',
      '## Highlights',
      '',
      '### id100001 first thought',
      '',
      '> First passage.',
      '',
      view('a1'),
      '',
      '### id100002 Location 12',
      '',
      '> Second passage.',
      '',
      view('a2'),
      '',
      '### id100003 third thought',
      '',
      '> Third passage, made in the app, with no link.',
      '',
    ].join('\n');
    expect(texts('n.md', note)).toEqual([
      { text: 'First passage.', note: 'first thought' },
      { text: 'Second passage.', note: null },
      { text: 'Third passage, made in the app, with no link.', note: 'third thought' },
    ]);
  });

  it('`##### ^id` over each highlight, its place written before the text: a section without a place is a highlight', () => {
    const goto = (n: number): string => `Goto: https://example.com/a?__readwiseLocation=0%2F${n}`;
    const section = (id: string, place: string, text: string): string => `##### ^${id}\n\n${place}\n\n###### ^${id}q\n\n${text}\n\n^${id}\n`;
    const note = `# An Article\n\n**Source**:: [An Article](https://example.com/a)\n\n# Highlights\n${section('300001', goto(1), 'One.')}\n${section('300002', goto(2), 'Two.')}\n${section('300003', '', 'Three, no place.')}`;
    expect(texts('n.md', note).map((highlight) => highlight.text)).toEqual(['One.', 'Two.', 'Three, no place.']);
  });

  it('stays plain in a plain note, and in an export a section under a heading of another form stays text', () => {
    expect(readNote('diary.md', '# Diary\n\n## Highlights\n\n### 20240101 New year\n\n> A quote I liked.\n\n### 20240102 Work\n\n> Another quote.\n').highlights).toEqual([]);
    const note = `# A Book\n\n## Highlights\n\n### id100001\n\n> One.\n\n${view('b1')}\n\n### id100002\n\n> Two.\n\n${view('b2')}\n\n### My summary\n\n> A quote of my own.\n`;
    expect(texts('n.md', note).map((highlight) => highlight.text)).toEqual(['One.', 'Two.']);
  });
});

describe('a wikilink alone on its line', () => {
  it('between a highlight\'s place and its text, or under the highlight, is its note', () => {
    const goto = (n: number): string => `Goto: https://example.com/a?__readwiseLocation=0%2F${n}`;
    const note = `# An Article\n\n## Highlights\n\n${goto(1)}\n\n[[Roots of an idea]]\n\n### The text\n\nFirst passage.\n\n---\n\n${goto(2)}\n\n### The text\n\nSecond passage.\n\n[[Another idea|an alias]]\n`;
    expect(texts('n.md', note)).toEqual([
      { text: 'First passage.', note: 'Roots of an idea' },
      { text: 'Second passage.', note: 'an alias' },
    ]);
  });
});

describe('an annotation whose only content is an image', () => {
  it('has empty text, with or without the empty markup and colour mark a template leaves; its Markdown keeps the image', () => {
    const read = withoutLeadMarks(['**** ![[image-8.png]]', '$ ****  ![[image-9.png]]', '![](a.png)', 'A figure ![[b.png]]', '& A point.'].map((text) => foundHighlight(text)));
    expect(read.map((highlight) => highlight.text)).toEqual(['', '', '', 'A figure ![[b.png]]', '& A point.']);
    expect(read[0]!.markdown).toBe('**** ![[image-8.png]]');
  });

  it('in a note read by structure', () => {
    const link = (n: number): string => `[(p. ${n})](zotero://open-pdf/library/items/AB?page=${n}&annotation=K${n})`;
    expect(texts('n.md', `# A Paper\n\n## Annotations\n\n- <mark>A finding.</mark> ${link(1)}\n- **** ${link(2)} ![[image-2.png]]\n- <mark>Another.</mark> ${link(3)}\n`).map((highlight) => highlight.text)).toEqual(['A finding.', '', 'Another.']);
  });
});

describe('two callouts glued into one blockquote (no blank line between them)', () => {
  const view = (id: string): string => `> _([View Highlight](https://read.readwise.io/read/${id}))_`;
  it('are two highlights: a callout\'s opening line opens a callout of its own', () => {
    const note = `# An Article\n\n> [!quote]\n> First passage.\n${view('c1')}\n\n> [!quote]\n> Second passage.\n${view('c2')}\n> [!quote]\n> Third passage, glued.\n${view('c3')}\n`;
    expect(texts('n.md', note).map((highlight) => highlight.text)).toEqual(['First passage.', 'Second passage.', 'Third passage, glued.']);
  });

  it('what is left on the link\'s line without a word (a stray key) is neither text nor note; a word after a space is a note', () => {
    const note = `# An Article\n\n> [!quote]\n> First passage.\n${view('d1')}d\n\n> [!quote]\n> Second passage.\n> ([View Highlight](https://read.readwise.io/read/d2)) my note\n`;
    expect(texts('n.md', note)).toEqual([
      { text: 'First passage.', note: null },
      { text: 'Second passage.', note: 'my note' },
    ]);
  });

  it('stay one plain blockquote in a plain note', () => {
    expect(readNote('p.md', '# Notes\n\n> [!quote]\n> A line I liked.\n> [!quote]\n> Another.\n').highlights).toEqual([]);
  });
});

describe('fields of the head', () => {
  const body = '\nOne. ([View Highlight](https://read.readwise.io/read/f1))\n\nTwo. ([View Highlight](https://read.readwise.io/read/f2))\n';
  it('names whose words are joined by `-` or `_`, or that say whose they are (`Source published date`), are the same fields', async () => {
    const record = readNote('n.md', `full_title:: A Long Title\npublished-date: 2024-12-16\nsource-url: https://example.com/a\n${body}`);
    expect(record).toMatchObject({ title: 'A Long Title', published: '2024-12-16', url: 'https://example.com/a' });
    // An empty placeholder is no value: no date, no warning.
    const empty = readNote('e.md', `Published-Date:: [[]]\nFull_Title:: T\n${body}`);
    expect(empty).toMatchObject({ published: null, title: 'T' });
    expect(empty.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning')).toEqual([]);
    const { fieldNamed } = await import('../src/formats/structural/vocabulary.js');
    expect(['Source published date', 'Document title', 'original_title', '**Full-Title**', 'Reading date'].map(fieldNamed)).toEqual(['published', 'title', 'title', 'title', undefined]);
  });

  it('a value that says there is none (`None`) leaves the field empty, though the frontmatter has a date', () => {
    const place = (n: number): string => `### Location ${n}\n\n> Passage ${n}.\n> \\- [(Location ${n})](https://readwise.io/to_kindle?action=open&asin=B0&location=${n})\n`;
    const note = (line: string): string => `---\nauthors: A B\ndate: 2025-01-21\ntitle: Reference - A B - A Book\n---\n\n## A Book (Highlights)\n\n${line}\n\n## Highlights\n\n${place(1)}\n${place(2)}`;
    expect(readNote('n.md', note('Source published date: None')).published).toBeNull();
    expect(readNote('m.md', note('')).published).toBe('2025-01-21');
  });

  it('a title written as a link to the work gives its URL when no field does; a link to this machine is none', () => {
    expect(readNote('n.md', `**Title**:: [A Book](https://example.com/book)\n**Author**:: A B\n${body}`).url).toBe('https://example.com/book');
    expect(readNote('m.md', `**Title**:: A Book\n**Source**:: [here](<http://localhost:7026/unread/4>) [web](<https://example.com/a>)\n${body}`).url).toBe('https://example.com/a');
    expect(readNote('o.md', `**Title**:: [A Book](https://example.com/book)\n**Source**:: https://example.com/other\n${body}`).url).toBe('https://example.com/other');
  });
});

describe('a block of another kind between a highlight and its place', () => {
  const place = (n: number): string => ` * [Location ${n}](https://readwise.io/to_kindle?action=open&asin=B0&location=${n})`;
  it('is its note when the template writes its highlights in one kind of block (quotes); a checkbox mark (`[n]`) is no part of it', () => {
    const note = `# A Book\n\n## Highlights\n\n> First passage.\n\n${place(1)}\n\n> Second passage.\n\n- [n] what I thought\n\n${place(2)}\n\n> Third passage.\n\n${place(3)}\n`;
    expect(readNote('n.md', note).highlights.map(({ text, note, location }) => ({ text, note, location }))).toEqual([
      { text: 'First passage.', note: null, location: 'Location 1' },
      { text: 'Second passage.', note: 'what I thought', location: 'Location 2' },
      { text: 'Third passage.', note: null, location: 'Location 3' },
    ]);
  });
});
