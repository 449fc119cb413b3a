/**
 * Diagnostics about a value point where the reader read it (#23): an
 * invalid url is placed by the reader that found it, never by searching
 * the document for its text. Each document below writes the same bad url
 * earlier too (a title, a sentence, another highlight), where a search of
 * the text would have pointed; and normalize takes no document text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../src/schema.js';
import { ROOT, readNote, runCli, scratch } from './helpers.js';

const BAD = 'javascript:alert(1)';
/** An https URL that is no URL (`linked` and `bareUrl` readers take only http(s) links). */
const BAD_HTTPS = 'https://[bad]/x';
/** For a link whose target may hold no parentheses (the Kindle plugin's). */
const NO_PARENS = 'javascript:void';

/** `line:column` of each diagnostic of a rule. */
function places(record: IngestRecord, rule = 'invalid-url'): string[] {
  return record.diagnostics.filter((diagnostic) => diagnostic.rule === rule).map((diagnostic) => `${diagnostic.line}:${diagnostic.column}`);
}

function note(name: string, lines: string[]): IngestRecord {
  return readNote(name, `${lines.join('\n')}\n`);
}

describe('invalid urls are placed where the reader read them', () => {
  it('Readwise Markdown: the Metadata list url, after the same text in a sentence', () => {
    const record = note('article.md', [
      '# An Article', //                                          1
      '', //                                                      2
      `The page once linked ${BAD} in its text.`, //               3
      '', //                                                      4
      '## Metadata', //                                           5
      '- Author: [[Jane Doe]]', //                                6
      `- URL: ${BAD}`, //                                          7
      '', //                                                      8
      '## Highlights', //                                         9
      '- A highlight. ([View Highlight](https://read.readwise.io/read/01abc))',
    ]);
    expect(record.format).toBe('readwise');
    expect(places(record)).toEqual(['7:8']);
  });

  it('Readwise Markdown: a highlight link, after the same text in its own highlight and in the frontmatter', () => {
    const record = note('book.md', [
      '---', //                                                   1
      `url: "${BAD}"`, //                                          2
      '---', //                                                   3
      '# A Book', //                                              4
      '', //                                                      5
      '## Highlights', //                                         6
      '', //                                                      7
      `- It says ${BAD} here. ([View Highlight](${BAD}))`, //       8
    ]);
    expect(record.format).toBe('readwise');
    // The frontmatter's url inside its quotes; the highlight's link is the last one on its line (a search for the highlight's text, then the link, found the first).
    expect(places(record)).toEqual(['2:7', `8:${'- It says '.length + BAD.length + ' here. ([View Highlight]('.length + 1}`]);
  });

  it('frontmatter: the url key, after the same text in the title', () => {
    const record = note('clip.md', ['---', `title: "${BAD}"`, `url: ${BAD}`, '---', '# Body', '', 'Text.']);
    expect(places(record)).toEqual(['3:6']);
  });

  it('a value nested too deeply: at its key, after the same word as a value (too-deep)', () => {
    const record = note('deep.md', ['---', 'title: "nested: a title"', `nested: ${'['.repeat(70)}1${']'.repeat(70)}`, '---', '# Body']);
    expect(places(record, 'too-deep')).toEqual(['3:1']);
  });

  it('Logseq: the `url::` property, after the same text in another property', () => {
    const record = note('page.md', [`title:: ${BAD_HTTPS}`, `url:: ${BAD_HTTPS}`, 'author:: Jane Doe', '', '- A highlight of the page']);
    expect(record.format).toBe('logseq');
    expect(places(record)).toEqual(['2:7']);
  });

  it('Logseq: a highlight link, after the same link in an earlier highlight that starts with the same words', () => {
    const record = note('book.md', [
      'author:: Jane Doe', //                                     1
      'category:: books', //                                      2
      '', //                                                      3
      `- Second thoughts on ${BAD} ([Location 1](https://read.readwise.io/read/01a))`,
      `- Second ([Location 2](${BAD}))`, //                        5
    ]);
    expect(places(record)).toEqual([`5:${'- Second ([Location 2]('.length + 1}`]);
  });

  it('Hypothesis: the Metadata list Reference, after the same text in the title line', () => {
    const record = note('page.md', [
      '# Hypothesis', //                                          1
      '', //                                                      2
      '## Metadata', //                                           3
      '- Author: [hypothes.is]()', //                             4
      `- Title: ${BAD}`, //                                        5
      `- Reference: ${BAD}`, //                                    6
      '- Category: #article', //                                  7
      '', //                                                      8
      '## Highlights', //                                         9
      '- a quote — [Updated on 2022-01-10 10:58:31](https://hyp.is/3cMz8nH7EeySOYu-3K64xw/hypothes.is/welcome)  — Group: #Public',
    ]);
    expect(record.format).toBe('hypothesis');
    expect(places(record)).toEqual(['6:14']);
  });

  it('Omnivore: the Read Original link, after the same text in the title', () => {
    const record = note('article.md', [
      `# ${BAD}`, //                                               1
      '', //                                                      2
      '#Omnivore', //                                             3
      '', //                                                      4
      '[Read on Omnivore](https://omnivore.app/me/an-article-1866c75e75c)  ', //
      `[Read Original](${BAD})`, //                                6
      '', //                                                      7
      '## Highlights', //                                         8
      '', //                                                      9
      '> a quote [⤴️](https://omnivore.app/me/an-article-1866c75e75c#8bc5bbed)',
    ]);
    expect(record.format).toBe('omnivore');
    expect(places(record)).toEqual(['6:17']);
  });

  it('Web Clipper: the frontmatter url, after the same text in the description', () => {
    const record = note('clip.md', ['---', `description: "${BAD}"`, `url: "${BAD}"`, 'source: "https://example.com/page"', 'created: 2024-05-01', 'tags:', '  - "clippings"', '---', '# Page', '', 'Text.']);
    expect(record.format).toBe('web-clipper');
    expect(places(record)).toEqual(['3:7']);
  });

  it('Zotero: the body Metadata url, after the same text in the title', () => {
    const record = note('paper.md', [
      '---', //                                                   1
      '$itemKey: AUMSHCV9', //                                    2
      '$libraryID: 3', //                                         3
      '---', //                                                   4
      `# ${BAD_HTTPS}`, //                                         5
      '', //                                                      6
      'Title: A Paper', //                                        7
      `URL: ${BAD_HTTPS}`, //                                      8
      '', //                                                      9
      'Text of the note.',
    ]);
    expect(record.format).toBe('zotero');
    expect(places(record)).toEqual(['8:6']);
  });

  it('Apple Books: a highlight link, after the same text in the highlight', () => {
    const record = note('book.md', [
      'Title:: 📕 A Book', //                                      1
      'Author:: Doe, Jane', //                                    2
      'Link:: [Apple Books Link](ibooks://assetid/5D47ABAC70B7E9CC002D094AEE865DEB)',
      '', //                                                      4
      '## Annotations', //                                        5
      '', //                                                      6
      '----', //                                                  7
      '', //                                                      8
      `- 🎯 Highlight:: quoting ${BAD}`, //                        9
      '- 📝 Note:: N/A', //                                        10
      `- 🔗 Highlight link:: [Apple Books Link](${BAD})`, //       11
    ]);
    expect(record.format).toBe('apple-books');
    expect(places(record)).toEqual([`11:${'- 🔗 Highlight link:: [Apple Books Link]('.length + 1}`]);
  });

  it('Kindle plugin: a highlight link and the Reference url, each after the same text', () => {
    const record = note('book.md', [
      '# A Book', //                                              1
      '## Metadata', //                                           2
      `* Author: [${BAD_HTTPS}](https://www.amazon.com)`, //       3
      `* Reference: ${BAD_HTTPS}`, //                              4
      '', //                                                      5
      '## Highlights', //                                         6
      'A first one — location: [12](kindle://book?action=open&asin=B0&location=12) ^ref-18206',
      '', //                                                      8
      '---', //                                                   9
      `quoting ${NO_PARENS} — location: [30](${NO_PARENS}) ^ref-18207`,
    ]);
    expect(record.format).toBe('kindle-plugin');
    expect(places(record)).toEqual(['4:14', `10:${`quoting ${NO_PARENS} — location: [30](`.length + 1}`]);
  });

  it('Bookcision: a highlight link, after the same text in the highlight', () => {
    const json = `{"asin":"B0","title":"A Book","authors":"Jane Doe","highlights":[\n{"text":"${BAD}","isNoteOnly":false,"location":{"url":"${BAD}","value":1},"note":null}]}`;
    const record = readNote('book.json', json);
    expect(record.format).toBe('bookcision');
    expect(places(record)).toEqual([`2:${`{"text":"${BAD}","isNoteOnly":false,"location":{"url":"`.length + 1}`]);
  });
});

describe('Readwise JSON: places in the JSON, read whole or as a stream', () => {
  const { folder } = scratch('positions');
  const dir = folder('json');
  const book = (title: string, url: string, highlightUrl: string): string =>
    `  {"user_book_id": 1, "title": "${title}", "author": "Jane Doe", "source_url": "${url}", "book_tags": [],\n   "highlights": [{"id": 7, "text": "quoting ${highlightUrl}", "url": "${highlightUrl}", "location_type": "order", "location": 1}]}`;
  // The second book's source url is the first book's title; its highlight's link is the first book's highlight's.
  fs.writeFileSync(path.join(dir, 'export.json'), `{"count": 2, "nextPageCursor": null, "results": [\n${book(BAD, 'https://example.com/a', BAD)},\n${book('Second', BAD, BAD)}\n]}\n`);
  const expected = [
    // First book: its highlight link (line 3); second book: its url (line 4), its highlight link (line 5).
    `export.json:3:${'   "highlights": [{"id": 7, "text": "quoting '.length + BAD.length + '", "url": "'.length + 1}`,
    `export.json:4:${`  {"user_book_id": 1, "title": "Second", "author": "Jane Doe", "source_url": "`.length + 1}`,
    `export.json:5:${'   "highlights": [{"id": 7, "text": "quoting '.length + BAD.length + '", "url": "'.length + 1}`,
  ];
  const run = async (env: Record<string, string>): Promise<string[]> => {
    const result = await runCli(['export.json', '--no-cache', '-f', 'ndjson'], { cwd: dir, env });
    return [...result.stderr.matchAll(/^(export\.json:\d+:\d+) {2}warning .* {2}invalid-url$/gm)].map((match) => match[1]!);
  };
  it('read whole', async () => {
    expect(await run({})).toEqual(expected);
  });
  it('read as a stream of records (each book placed in its own text, mapped to the file)', async () => {
    expect(await run({ INGEST_STREAM_BYTES: '0' })).toEqual(expected);
  });
});

describe('normalize', () => {
  it('takes no document text: fields, identity and messages only', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src', 'normalize.ts'), 'utf8');
    const signature = /export function normalize\(([^)]*)\)/.exec(source)?.[1];
    expect(signature).toBe('fields: Fields, identity: Identity, messages: Messages');
    expect(source).not.toMatch(/whereWritten|indexOf\(/);
    // Nor does anything hand one on: a streamed reader's works go on alone.
    expect(fs.readFileSync(path.join(ROOT, 'src', 'formats', 'format.ts'), 'utf8')).toMatch(/^ {2}emit\(work: Work\): Promise<void>;$/m);
    expect(fs.readFileSync(path.join(ROOT, 'src', 'process.ts'), 'utf8')).toMatch(/normalize\(work\.fields, \{ id, source \}, work\.messages\)/);
  });
});
