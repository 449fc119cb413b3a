/**
 * Readwise export templates: each variant of issue #3, checked field by
 * field against what the fixture states (the expected.json files are the
 * byte-level check; these say what matters and why).
 */
import { describe, expect, it } from 'vitest';
import { recordsByName as byName } from './helpers.js';

describe('frontmatter field variants', async () => {
  const docs = await byName('readwise-frontmatter-variants');

  it('reads block scalars without their trailing newline, full_title first, empty values as null', () => {
    const record = docs.get('block-scalars.md')!;
    expect(record.title).toBe('Block Scalar Full Title');
    expect(record.authors).toEqual(['Danny Parisi']);
    expect(record.url).toBe('https://www.glossy.co/a/?id=7');
    expect(record.published).toBe('2023-12-27');
    expect(record.image).toBe('https://www.glossy.co/cover.png');
    expect(record.summary).toBe('A summary that spans\ntwo lines.');
    expect(record.extra).toEqual({ status: null });
    expect(record.kind).toBe('highlights');
  });

  it('reads camelCase names, author lists with wikilinks and "By", date-times without a zone shift', () => {
    const record = docs.get('camel-case.md')!;
    expect(record.title).toBe('Camel Case Full Title');
    expect(record.authors).toEqual(['Allison Smith', 'Tom Becker']);
    expect(record.url).toBe('https://www.modernretail.co/b/');
    expect(record.published).toBe('2024-10-28');
    expect(record.image).toBe('https://www.modernretail.co/b.webp?w=1000');
    expect(record.tags).toEqual(['live shopping', 'retail', 'tiktok']);
    expect(record.summary).toBe('Described, not summarized.');
    expect(record.kind).toBe('highlights');
  });

  it('takes the title from aliases when nothing else gives one, and splits "A, B and C"', () => {
    const record = docs.get('aliases-only.md')!;
    expect(record.title).toBe('Title From Aliases');
    expect(record.authors).toEqual(['A One', 'B Two', 'C Three']);
    expect(record.url).toBe('https://example.com/c?page=2');
    expect(record.published).toBe('2023-07-31');
    expect(record.image).toBe('https://example.com/c.jpg');
    expect(record.tags).toEqual(['dtc', 'ecommerce', 'marketing']);
  });

  it('reads source, date, cover and #hashtag strings', () => {
    const record = docs.get('source-and-date.md')!;
    expect(record.authors).toEqual(['A One', 'B Two', 'C Three']);
    expect(record.url).toBe('https://example.com/d/');
    expect(record.published).toBe('2022-01-05');
    expect(record.image).toBe('https://example.com/d.png');
    expect(record.tags).toEqual(['ideas', 'research']);
    expect(record.summary).toBeNull();
  });

  it('reads @handle authors, wikilink tag strings and #categories', () => {
    const record = docs.get('published-wikilink-tags.md')!;
    expect(record.authors).toEqual(['@benedictevans']);
    expect(record.published).toBe('2021-03-04');
    expect(record.tags).toEqual(['mobile', 'tech']);
    expect(record.category).toBe('tweets');
  });
});

describe('YAML traps', async () => {
  const docs = await byName('readwise-yaml-traps');

  it('falls back to the Metadata list for `category: #articles`, with a warning at its line', () => {
    const record = docs.get('hash-comment.md')!;
    expect(record.category).toBe('books');
    expect(record.tags).toEqual(['readwise-books']);
    expect(record.authors).toEqual(['Ann Author']);
    expect(record.diagnostics.filter((d) => d.severity === 'warning')).toMatchObject([
      { rule: 'yaml-hash-comment', line: 4, column: 7 },
      { rule: 'yaml-hash-comment', line: 5, column: 11 },
    ]);
  });

  it('falls back to the Metadata list and the H1 when an unquoted colon breaks the YAML', () => {
    const record = docs.get('unquoted-colon.md')!;
    expect(record.title).toBe('How to Do Great Work');
    expect(record.authors).toEqual(['Paul Graham']);
    expect(record.url).toBe('https://paulgraham.com/greatwork.html');
    expect(record.highlights).toHaveLength(1);
    expect(record.diagnostics).toMatchObject([{ severity: 'warning', rule: 'yaml-syntax', line: 14, column: 8 }]);
  });
});

describe('the Metadata list', async () => {
  const docs = await byName('readwise-metadata-list');

  it('reads every key, one person per name, the Document Note into extra', () => {
    const record = docs.get('metadata-only.md')!;
    expect(record.title).toBe('Working Backwards: Insights, Stories, and Secrets From Inside Amazon');
    expect(record.authors).toEqual(['Colin Bryar', 'Bill Carr']);
    expect(record.category).toBe('books');
    expect(record.tags).toEqual(['amazon', 'business']);
    expect(record.summary).toBe("Amazon's management practices, explained.");
    expect(record.url).toBe('https://www.amazon.com/dp/B08CTFY4JP?tag=abc');
    expect(record.extra['document_note']).toBe('A note about the whole book\nthat continues on a second line.');
    expect(record.highlights[0]!.location).toBe('Location 1789');
  });

  it('reads Logseq properties and highlights nested under "Highlights first synced by"', () => {
    const record = docs.get('logseq.md')!;
    expect(record.title).toBe('Logseq Style Properties');
    expect(record.authors).toEqual(['Danny Parisi']);
    expect(record.category).toBe('articles');
    expect(record.url).toBe('https://www.glossy.co/logseq/');
    expect(record.highlights.map((h) => h.text)).toEqual(['Logseq highlight text.']);
    expect(record.text).toBe('');
  });

  it('keeps the frontmatter where it disagrees with the list, with an info diagnostic; merges tags', () => {
    const record = docs.get('disagree.md')!;
    expect(record.title).toBe('Frontmatter Title');
    expect(record.url).toBe('https://example.com/frontmatter');
    expect(record.authors).toEqual(['Someone Else']);
    expect(record.tags).toEqual(['alpha', 'beta']);
    expect(record.diagnostics.map((d) => [d.severity, d.rule])).toEqual([
      ['info', 'metadata-disagrees'],
      ['info', 'metadata-disagrees'],
    ]);
  });
});

describe('highlight links', async () => {
  const record = (await byName('readwise-highlight-links')).get('links.md')!;
  const [reader, kindle, page, tweet, snip, open, bare, blockRef, multi, none] = record.highlights;

  it('finds one highlight per top-level item', () => {
    expect(record.highlights).toHaveLength(10);
    expect(record.image).toBe('https://example.com/cover.png');
  });
  it('keeps links as plain text in text and as Markdown in markdown; nested Tags and Note belong to the highlight', () => {
    expect(reader).toMatchObject({
      text: 'A Reader highlight with a link and emphasis.',
      markdown: 'A Reader highlight with [a link](https://example.com/linked) and *emphasis*.',
      url: 'https://read.readwise.io/read/01hkd4tvjpckgfceg4r577z4j0',
      id: '01hkd4tvjpckgfceg4r577z4j0',
      key: 'readwise:01hkd4tvjpckgfceg4r577z4j0',
      location: null,
      page: null,
      color: null,
      tags: ['social-media', 'orange'],
      note: 'First line of the note\nand its second line.',
      highlightedAt: null,
    });
  });
  it('reads Location, Page, View Tweet and Time links', () => {
    expect([kindle!.location, kindle!.url, kindle!.id]).toEqual(['Location 499', 'https://readwise.io/to_kindle?action=open&asin=B0TEST&location=499', null]);
    expect([page!.location, page!.page, page!.text]).toEqual(['Page 12', '12', 'A page highlight.']);
    expect([tweet!.location, tweet!.url]).toEqual([null, 'https://twitter.com/benedictevans/status/1480773981976375302']);
    expect([snip!.location, snip!.note]).toEqual(['Time 0:12:34', 'Summary: What the snip is about.\n\nTranscript: Speaker 1: the words as spoken.']);
  });
  it('reads open/ID links, bare locations and ^rw block references', () => {
    expect([open!.id, open!.text]).toEqual(['446961085', 'An open link without parentheses.']);
    expect([bare!.location, bare!.url, bare!.text]).toEqual(['Location 12', null, 'A bare location without a link.']);
    expect([blockRef!.id, blockRef!.text, blockRef!.markdown]).toEqual(['446961085', 'A block reference id.', 'A block reference id.']);
  });
  it('joins continuation lines and keeps highlights without a location', () => {
    expect(multi!.text).toBe('A multi-line highlight\nthat continues on an indented line\nand a third.');
    expect([none!.text, none!.url, none!.location]).toEqual(['No location at all, as WeRead exports.', null, null]);
  });
});

describe('sections', async () => {
  const record = (await byName('readwise-sections')).get('sections.md')!;
  it('reads every "New highlights added" section, and chapter headings do not end Highlights', () => {
    expect(record.highlights.map((h) => h.text)).toEqual(['The first highlight.', 'The second highlight.', 'The third highlight.']);
  });
  it('keeps other sections as text, without the Full Document link', () => {
    expect(record.text).toBe('My own thoughts\n\nText I wrote myself, kept as text.\n\n- a point of mine\n- another point');
  });
});

describe('custom templates', async () => {
  const docs = await byName('readwise-custom-templates');

  it('reads paragraph highlights closed by a `> [View Highlight]` line, with #tags under it', () => {
    const record = docs.get('paragraphs-with-view-lines.md')!;
    expect(record.highlights.map((h) => [h.text, h.id, h.tags])).toEqual([
      ['A highlight written as a paragraph.', '01para1000000000000000000', []],
      ['Another one, whose\nsecond line continues.', '01para2000000000000000000', ['tools']],
    ]);
    expect(record.url).toBe('https://0x999.net/blog/paragraphs');
  });

  it('reads readwise-mirror highlights: number links, colour comments, block ids, Tags and Note lines', () => {
    const record = docs.get('mirror.md')!;
    expect(record.format).toBe('readwise-mirror');
    expect(record.title).toBe('Kill It With Fire');
    expect(record.category).toBe('books');
    expect(record.highlights).toMatchObject([
      {
        text: 'Restoring legacy systems is about resuscitating an iterative process.',
        markdown: 'Restoring legacy systems is about resuscitating an iterative process.',
        url: 'https://readwise.io/to_kindle?action=open&asin=B08CTFY4JP&location=351',
        id: '607666684',
        location: 'Location 351',
        page: null,
        color: 'yellow',
        tags: ['development', 'technology'],
        note: null,
        highlightedAt: null,
      },
      {
        text: 'It is easy to build things.',
        markdown: 'It is easy to build things.',
        url: 'https://readwise.io/to_kindle?action=open&asin=B08CTFY4JP&location=381',
        id: '607666686',
        location: 'Location 381',
        page: null,
        color: null,
        tags: ['creativity'],
        note: 'Spot on.',
        highlightedAt: null,
      },
    ]);
    expect(record.text).toBe('');
  });

  it('reads a list of linked items under the title as highlights', () => {
    const record = docs.get('no-heading-list.md')!;
    expect(record.kind).toBe('highlights');
    expect(record.title).toBe('Getting Things Done');
    expect(record.highlights).toHaveLength(2);
  });

  it('reads highlights scattered through sections, split at links in mid-paragraph', () => {
    const record = docs.get('scattered.md')!;
    expect(record.highlights.map((h) => [h.text, h.id])).toEqual([
      ['A paragraph highlight.', '01scat1000000000000000000'],
      ['It ends mid-paragraph', '01scat2000000000000000000'],
      ['code that was highlighted', '01scat3000000000000000000'],
    ]);
    expect(record.text).toBe('Data request\n\nIntro text that was not highlighted.\n\nand this rest is text.');
  });
});
